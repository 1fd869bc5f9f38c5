using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Codec;

/// <summary>httppolicyset: ordered request rules matching host, path and port, switching to a pool or pool group, or redirecting.</summary>
public sealed class HttpPolicySetCodec : IAviSpecCodec
{
    private const string SelectPool = "HTTP_SWITCHING_SELECT_POOL";
    private const string SelectPoolGroup = "HTTP_SWITCHING_SELECT_POOLGROUP";

    public string Type => AviObjectTypes.HttpPolicySet;

    public JsonObject Write(AviObjectSpec spec, JsonObject? existing)
    {
        var set = (HttpPolicySetSpec)spec;
        var json = existing?.DeepClone().AsObject() ?? [];
        json["name"] = set.Name;
        json["http_request_policy"] = new JsonObject
        {
            ["rules"] = new JsonArray(set.Rules.Select((rule, index) => (JsonNode?)Rule(rule, index)).ToArray()),
        };
        JsonWrite.Meta(json, set.Meta);
        AkoChecksum.MarkWritten(json);
        return json;
    }

    public AviObjectSpec Read(JsonObject json)
    {
        var rules = JsonRead.Objects(json["http_request_policy"]?["rules"])
            .OrderBy(r => JsonRead.Int(r["index"]) ?? 0)
            .Select(ReadRule)
            .OfType<HttpPolicyRule>();
        return new HttpPolicySetSpec(JsonRead.String(json, "name") ?? string.Empty, rules.ToEquatableArray(), JsonRead.Meta(json, hasServiceMetadata: false));
    }

    private static JsonObject Rule(HttpPolicyRule rule, int index)
    {
        var match = new JsonObject();
        if (!rule.Host.IsAny)
        {
            // Host names are case-insensitive; paths are not (Kubernetes compares them exactly).
            match["host_hdr"] = new JsonObject
            {
                ["match_criteria"] = rule.Host.Criteria,
                ["match_case"] = "INSENSITIVE",
                ["value"] = new JsonArray(rule.Host.Value),
            };
        }
        if (rule.Path is { } path)
        {
            match["path"] = new JsonObject
            {
                ["match_criteria"] = path.Criteria,
                ["match_case"] = "SENSITIVE",
                ["match_str"] = new JsonArray(path.Path),
            };
        }
        if (rule.VsPort is { } port) match["vs_port"] = new JsonObject { ["match_criteria"] = "IS_IN", ["ports"] = new JsonArray(port) };
        var json = new JsonObject { ["name"] = rule.Name, ["index"] = index, ["enable"] = true, ["match"] = match };
        switch (rule.Action)
        {
            case HttpPolicyAction.SwitchToPool pool:
                json["switching_action"] = new JsonObject { ["action"] = SelectPool, ["pool_ref"] = AviRefs.ByName(AviObjectTypes.Pool, pool.PoolName) };
                break;
            case HttpPolicyAction.SwitchToPoolGroup group:
                json["switching_action"] = new JsonObject
                {
                    ["action"] = SelectPoolGroup, ["pool_group_ref"] = AviRefs.ByName(AviObjectTypes.PoolGroup, group.PoolGroupName),
                };
                break;
            case HttpPolicyAction.RedirectToHttps redirect:
                json["redirect_action"] = new JsonObject
                {
                    ["protocol"] = "HTTPS",
                    ["port"] = redirect.Port,
                    ["status_code"] = $"HTTP_REDIRECT_STATUS_CODE_{redirect.StatusCode.ToString(CultureInfo.InvariantCulture)}",
                };
                break;
        }
        return json;
    }

    private static HttpPolicyRule? ReadRule(JsonObject rule)
    {
        var match = rule["match"] as JsonObject;
        var host = match?["host_hdr"] is JsonObject hostMatch
            ? new HttpHostMatch(JsonRead.String(hostMatch, "match_criteria") ?? string.Empty, JsonRead.Strings(hostMatch["value"]).FirstOrDefault() ?? string.Empty)
            : HttpHostMatch.Any;
        HttpPathMatch? path = match?["path"] is JsonObject pathMatch
            ? new HttpPathMatch(JsonRead.String(pathMatch, "match_criteria") ?? string.Empty, JsonRead.Strings(pathMatch["match_str"]).FirstOrDefault() ?? string.Empty)
            : null;
        var port = match?["vs_port"] is JsonObject portMatch ? JsonRead.Int((portMatch["ports"] as JsonArray)?.FirstOrDefault()) : null;
        HttpPolicyAction? action = null;
        if (rule["switching_action"] is JsonObject switching)
        {
            action = JsonRead.String(switching, "action") == SelectPoolGroup
                ? new HttpPolicyAction.SwitchToPoolGroup(AviRefs.NameOf(JsonRead.String(switching, "pool_group_ref")) ?? string.Empty)
                : new HttpPolicyAction.SwitchToPool(AviRefs.NameOf(JsonRead.String(switching, "pool_ref")) ?? string.Empty);
        }
        else if (rule["redirect_action"] is JsonObject redirect)
        {
            var status = JsonRead.String(redirect, "status_code") ?? "HTTP_REDIRECT_STATUS_CODE_302";
            action = new HttpPolicyAction.RedirectToHttps(JsonRead.Int(redirect["port"]) ?? 443,
                int.TryParse(status[(status.LastIndexOf('_') + 1)..], CultureInfo.InvariantCulture, out var code) ? code : 302);
        }
        return action is null ? null : new HttpPolicyRule(JsonRead.String(rule, "name") ?? string.Empty, host, path, port, action);
    }
}
