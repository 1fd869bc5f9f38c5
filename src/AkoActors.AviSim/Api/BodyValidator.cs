using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Ipam;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>Refuses request bodies a controller would refuse before touching state: missing or mistyped
/// names, fields of the wrong JSON type, ports out of range, unparsable IP addresses and prefixes.</summary>
internal static class BodyValidator
{
    private static readonly Dictionary<string, JsonValueKind> CommonFields = new(StringComparer.Ordinal)
    {
        ["name"] = JsonValueKind.String,
        ["created_by"] = JsonValueKind.String,
        ["description"] = JsonValueKind.String,
        ["markers"] = JsonValueKind.Array,
        ["labels"] = JsonValueKind.Array,
        ["service_metadata"] = JsonValueKind.String,
        ["cloud_config_cksum"] = JsonValueKind.String,
        ["_last_modified"] = JsonValueKind.String,
    };

    private static readonly Dictionary<string, Dictionary<string, JsonValueKind>> TypeFields = new(StringComparer.Ordinal)
    {
        ["virtualservice"] = new(StringComparer.Ordinal)
        {
            ["type"] = JsonValueKind.String, ["services"] = JsonValueKind.Array, ["enabled"] = JsonValueKind.True,
            ["traffic_enabled"] = JsonValueKind.True, ["vh_domain_name"] = JsonValueKind.Array,
            ["http_policies"] = JsonValueKind.Array, ["vs_datascripts"] = JsonValueKind.Array,
            ["l4_policies"] = JsonValueKind.Array, ["vip"] = JsonValueKind.Array, ["enable_rhi"] = JsonValueKind.True,
            ["performance_limits"] = JsonValueKind.Object, ["analytics_policy"] = JsonValueKind.Object,
            ["revoke_vip_route"] = JsonValueKind.True,
        },
        ["vsvip"] = new(StringComparer.Ordinal)
        {
            ["vip"] = JsonValueKind.Array, ["dns_info"] = JsonValueKind.Array,
            ["vsvip_cloud_config_cksum"] = JsonValueKind.String, ["bgp_peer_labels"] = JsonValueKind.Array,
        },
        ["pool"] = new(StringComparer.Ordinal)
        {
            ["servers"] = JsonValueKind.Array, ["enabled"] = JsonValueKind.True, ["default_server_port"] = JsonValueKind.Number,
            ["placement_networks"] = JsonValueKind.Array, ["min_servers_up"] = JsonValueKind.Number,
            ["analytics_policy"] = JsonValueKind.Object,
        },
        ["poolgroup"] = new(StringComparer.Ordinal) { ["members"] = JsonValueKind.Array },
        ["httppolicyset"] = new(StringComparer.Ordinal) { ["http_request_policy"] = JsonValueKind.Object },
        ["l4policyset"] = new(StringComparer.Ordinal) { ["l4_connection_policy"] = JsonValueKind.Object },
        ["vsdatascriptset"] = new(StringComparer.Ordinal) { ["datascript"] = JsonValueKind.Array },
        ["sslkeyandcertificate"] = new(StringComparer.Ordinal)
        {
            ["certificate"] = JsonValueKind.Object, ["key"] = JsonValueKind.String, ["type"] = JsonValueKind.String,
        },
        ["vrfcontext"] = new(StringComparer.Ordinal) { ["static_routes"] = JsonValueKind.Array },
        ["network"] = new(StringComparer.Ordinal) { ["configured_subnets"] = JsonValueKind.Array },
    };

    public static void Validate(AviObjectType type, JsonObject body)
    {
        if (!type.Singleton)
        {
            if (!body.TryGetPropertyValue("name", out var nameNode) || nameNode is null)
            {
                throw AviRequestException.BadRequest("Field 'name' is required");
            }
            if (nameNode is not JsonValue nameValue || nameValue.GetValueKind() != JsonValueKind.String ||
                string.IsNullOrWhiteSpace(nameValue.GetValue<string>()))
            {
                throw AviRequestException.BadRequest("Field 'name' must be a non-empty string");
            }
        }
        CheckKinds(body, CommonFields);
        if (TypeFields.TryGetValue(type.Name, out var fields))
        {
            CheckKinds(body, fields);
        }
        CheckNode(body, "");
    }

    private static void CheckKinds(JsonObject body, Dictionary<string, JsonValueKind> fields)
    {
        foreach (var (field, expected) in fields)
        {
            if (!body.TryGetPropertyValue(field, out var node) || node is null)
            {
                continue;
            }
            var actual = node.GetValueKind();
            var matches = expected == JsonValueKind.True
                ? actual is JsonValueKind.True or JsonValueKind.False
                : actual == expected;
            if (!matches)
            {
                throw AviRequestException.BadRequest($"Field '{field}' must be {Describe(expected)}, got {Describe(actual)}");
            }
        }
    }

    /// <summary>Walks the whole body once: ports, IP address objects, prefixes and ref-shaped fields.</summary>
    private static void CheckNode(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.ContainsKey("addr"))
                {
                    CheckAddress(obj, path);
                }
                if (obj.ContainsKey("ip_addr") && obj.ContainsKey("mask"))
                {
                    CheckPrefix(obj, path);
                }
                foreach (var (key, value) in obj)
                {
                    var childPath = JsonPath.Property(path, key);
                    if (key is "port" or "port_range_end" && value is not null and not JsonObject)
                    {
                        CheckPort(value, childPath);
                    }
                    if (RefFields.IsRefField(key) && value is not null)
                    {
                        CheckRefShape(key, value, childPath);
                    }
                    CheckNode(value, childPath);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckNode(array[i], JsonPath.Index(path, i));
                }
                break;
        }
    }

    private static void CheckPort(JsonNode value, string path)
    {
        if (value.GetValueKind() != JsonValueKind.Number || !value.AsValue().TryGetValue<long>(out var port) || port is < 0 or > 65535)
        {
            throw AviRequestException.BadRequest($"Field '{path}' must be an integer port in 0-65535, got {value.ToJsonString()}");
        }
    }

    private static void CheckRefShape(string key, JsonNode value, string path)
    {
        if (key.EndsWith("_refs", StringComparison.Ordinal))
        {
            if (value is not JsonArray refs)
            {
                throw AviRequestException.BadRequest($"Field '{path}' must be an array of refs");
            }
            for (var i = 0; i < refs.Count; i++)
            {
                if (refs[i]?.GetValueKind() != JsonValueKind.String)
                {
                    throw AviRequestException.BadRequest($"Field '{JsonPath.Index(path, i)}' must be a ref string");
                }
            }
        }
        else if (value.GetValueKind() != JsonValueKind.String)
        {
            throw AviRequestException.BadRequest($"Field '{path}' must be a ref string, got {value.ToJsonString()}");
        }
    }

    private static void CheckAddress(JsonObject ip, string path)
    {
        if (ip["addr"] is not JsonValue addrValue || addrValue.GetValueKind() != JsonValueKind.String)
        {
            throw AviRequestException.BadRequest($"Field '{JsonPath.Property(path, "addr")}' must be an IP address string");
        }
        var text = addrValue.GetValue<string>();
        var type = ip["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        if (!IPAddress.TryParse(text, out var address) || text.Contains('%') ||
            address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) ||
            (address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3))
        {
            throw AviRequestException.BadRequest($"Invalid IP address '{text}' in field '{JsonPath.Property(path, "addr")}'");
        }
        var family = address.AddressFamily == AddressFamily.InterNetwork ? "V4" : "V6";
        if (type is not null && type != family)
        {
            throw AviRequestException.BadRequest(
                $"IP address '{text}' in field '{path}' is {family} but its type says '{type}'");
        }
    }

    private static void CheckPrefix(JsonObject prefix, string path)
    {
        if (prefix["ip_addr"] is not JsonObject ipAddr)
        {
            throw AviRequestException.BadRequest($"Field '{JsonPath.Property(path, "ip_addr")}' must be an object {{addr, type}}");
        }
        var maskNode = prefix["mask"];
        if (maskNode?.GetValueKind() != JsonValueKind.Number || !maskNode.AsValue().TryGetValue<int>(out var mask))
        {
            throw AviRequestException.BadRequest($"Field '{JsonPath.Property(path, "mask")}' must be an integer prefix length");
        }
        CheckAddress(ipAddr, JsonPath.Property(path, "ip_addr"));
        var address = IPAddress.Parse(ipAddr["addr"]!.GetValue<string>());
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (mask < 0 || mask > max)
        {
            throw AviRequestException.BadRequest($"Invalid prefix length {mask} in field '{path}' (must be 0-{max})");
        }
        if (path.Contains("static_routes", StringComparison.Ordinal) || path.Contains("configured_subnets", StringComparison.Ordinal))
        {
            var network = IpMath.Network(address, mask);
            if (!network.Equals(address))
            {
                throw AviRequestException.BadRequest(
                    $"Invalid prefix {address}/{mask} in field '{path}': host bits set (network is {network}/{mask})");
            }
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
