using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Networking;

namespace AkoActors.Domain.Settings;

/// <summary>Turns AKO configuration (ConfigMap-keyed strings) into <see cref="AkoSettings"/>, refusing bad values by key.</summary>
/// <remarks>Every source (Helm values file, ConfigMap avi-k8s-config, environment) is first flattened to ConfigMap keys,
/// exactly as AKO's chart does, so one parser and one set of error messages serve them all.</remarks>
public static partial class AkoSettingsParser
{
    private static readonly Dictionary<string, AkoConfigKey> ByConfigMapKey =
        AkoConfigKey.All.Concat(AkoConfigKey.LegacyVipNetwork).Concat(UnsupportedAkoSetting.All.Select(u => u.Key)).ToDictionary(k => k.ConfigMapKey);

    /// <summary>AKO's <c>NODE_NETWORK_MAX_ENTRIES</c>.</summary>
    public const int MaxNodeNetworks = 5;

    public static SettingsParseResult Parse(IReadOnlyDictionary<string, string> data)
    {
        var errors = new List<SettingsError>();
        var reader = new Reader(data, errors);

        var clusterName = reader.String("clusterName");
        if (string.IsNullOrEmpty(clusterName))
        {
            errors.Add(reader.Error("clusterName", "is required: a unique name for this cluster, prefixed to every Avi object (letters, digits, '-' and '_')"));
        }
        else if (!ClusterNamePattern().IsMatch(clusterName))
        {
            errors.Add(reader.Error("clusterName", $"'{clusterName}' may contain only letters, digits, '-' and '_'"));
        }

        // Antrea NodePortLocal pools (pod host ports) would change the data path of every pool: refuse rather than run ClusterIP.
        var nodePortLocal = string.Equals(reader.String("serviceType")?.Trim(), "NodePortLocal", StringComparison.OrdinalIgnoreCase);
        if (nodePortLocal)
        {
            errors.Add(reader.Error("serviceType",
                "'NodePortLocal' is not supported: pools hold pod IPs (ClusterIP) or node IP:nodePort (NodePort), not Antrea's pod host ports. Choose ClusterIP or NodePort, or keep AKO"));
        }

        var settings = new AkoSettings
        {
            ClusterName = clusterName ?? string.Empty,
            LogLevel = reader.Enum("logLevel", "WARN", ["INFO", "DEBUG", "WARN", "ERROR"]),
            EnableEvents = reader.Bool("enableEvents", true),
            DeleteConfig = reader.Bool("deleteConfig", false),
            DisableStaticRouteSync = reader.Bool("disableStaticRouteSync", false),
            CniPlugin = (reader.String("cniPlugin") ?? string.Empty).Trim().ToLowerInvariant(),
            FullSyncInterval = reader.Seconds("fullSyncFrequency", TimeSpan.FromMinutes(30)),
            Layer7Only = reader.Bool("layer7Only", false),
            NamespaceSelector = new LabelSelectorPair(reader.String("nsSyncLabelKey") ?? "", reader.String("nsSyncLabelValue") ?? ""),
            BlockedNamespaces = reader.StringList("blockedNamespaceList"),
            VipNetworks = ReadVipNetworks(reader),
            NodeNetworks = ReadNodeNetworks(reader),
            DefaultDomain = reader.String("defaultDomain") ?? string.Empty,
            // Absent: AKO reads SHARD_VS_SIZE and falls back to one shard (its chart writes LARGE into the ConfigMap).
            ShardVsSize = reader.Enum("shardVSSize", ShardVsSize.Small,
                new Dictionary<string, ShardVsSize>
                {
                    ["LARGE"] = ShardVsSize.Large, ["MEDIUM"] = ShardVsSize.Medium,
                    ["SMALL"] = ShardVsSize.Small, ["DEDICATED"] = ShardVsSize.Dedicated,
                }),
            ServiceType = nodePortLocal ? PoolServerMode.ClusterIp : reader.Enum("serviceType", PoolServerMode.ClusterIp,
                new Dictionary<string, PoolServerMode> { ["ClusterIP"] = PoolServerMode.ClusterIp, ["NodePort"] = PoolServerMode.NodePort }),
            DefaultIngController = reader.Bool("defaultIngController", true),
            FqdnReusePolicy = reader.Enum("fqdnReusePolicy", FqdnReusePolicy.InterNamespaceAllowed,
                new Dictionary<string, FqdnReusePolicy> { ["InterNamespaceAllowed"] = FqdnReusePolicy.InterNamespaceAllowed, ["Strict"] = FqdnReusePolicy.Strict }),
            NodePortSelector = new LabelSelectorPair(reader.String("nodeKey") ?? "", reader.String("nodeValue") ?? ""),
            DefaultLbController = reader.Bool("defaultLBController", true),
            AutoFqdn = reader.Enum("autoFQDN", AutoFqdnMode.Default,
                new Dictionary<string, AutoFqdnMode> { ["default"] = AutoFqdnMode.Default, ["flat"] = AutoFqdnMode.Flat, ["disabled"] = AutoFqdnMode.Disabled }),
            ControllerHost = reader.String("controllerIP") ?? string.Empty,
            ControllerVersion = reader.String("controllerVersion") ?? string.Empty,
            CloudName = reader.String("cloudName") ?? "Default-Cloud",
            ServiceEngineGroupName = reader.String("serviceEngineGroupName") ?? "Default-Group",
            TenantName = reader.String("tenantName") ?? "admin",
            VrfName = reader.String("vrfName") ?? string.Empty,
        };

        // L7 shard VSes need VIPs as much as L4 Services do: without a network there is nothing to allocate from.
        var vipListRefused = errors.Any(e => e.Key.StartsWith("NetworkSettings.vipNetworkList", StringComparison.Ordinal));
        if (settings.VipNetworks.IsEmpty && !vipListRefused)
        {
            errors.Add(reader.Error("vipNetworkList",
                "is empty: name the network whose IPAM hands out VIPs, e.g. [{\"networkName\": \"alb-vip\", \"cidr\": \"172.16.251.0/24\"}]"));
        }
        var unsupported = new List<string>();
        foreach (var setting in UnsupportedAkoSetting.All)
        {
            var value = reader.String(setting.Key.ConfigMapKey)?.Trim();
            if (string.IsNullOrEmpty(value) || setting.NeutralValues.Contains(value, StringComparer.OrdinalIgnoreCase)) continue;
            if (setting.Blocking) errors.Add(reader.Error(setting.Key.ConfigMapKey, $"'{value}' is not supported: {setting.Instead}"));
            else unsupported.Add($"{setting.Key.ValuesPath}={value} ({setting.Instead})");
        }
        if (settings.VipNetworks.Count > 1)
        {
            unsupported.Add($"NetworkSettings.vipNetworkList entries after the first ({string.Join(", ", settings.VipNetworks.Skip(1))}) " +
                            "(VIPs come from the first network only, as AKO does on every cloud but AWS, Azure and OpenStack, where each network gets a VIP)");
        }
        var warning = unsupported.Count == 0
            ? null
            : $"AKO settings not supported, ignored: {string.Join("; ", unsupported)}";
        return new SettingsParseResult(errors.Count == 0 ? settings : null, errors) { UnsupportedWarning = warning };
    }

    /// <summary>The keys AKO applies without a restart (logLevel, enableEvents, deleteConfig), read over <paramref name="current"/>;
    /// a bad value keeps the current one and is reported.</summary>
    public static SettingsParseResult ParseLive(IReadOnlyDictionary<string, string> data, AkoSettings current)
    {
        var errors = new List<SettingsError>();
        var reader = new Reader(data, errors);
        var settings = current with
        {
            LogLevel = reader.Enum("logLevel", current.LogLevel, ["INFO", "DEBUG", "WARN", "ERROR"]),
            EnableEvents = reader.Bool("enableEvents", current.EnableEvents),
            DeleteConfig = reader.Bool("deleteConfig", current.DeleteConfig),
        };
        return new SettingsParseResult(settings, errors);
    }

    private static EquatableArray<VipNetwork> ReadVipNetworks(Reader reader)
    {
        var networks = new List<VipNetwork>();
        var raw = reader.String("vipNetworkList");
        if (!string.IsNullOrWhiteSpace(raw) && reader.Json("vipNetworkList", raw) is JsonElement list)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                reader.Add("vipNetworkList", "must be a list of {networkName, cidr}");
            }
            else
            {
                foreach (var item in list.EnumerateArray())
                {
                    var name = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("networkName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    var uuid = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("networkUUID", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                    if (string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(uuid))
                    {
                        reader.Add("vipNetworkList", "every entry needs a networkName or a networkUUID");
                        continue;
                    }
                    var cidr = OptionalCidr(reader, "vipNetworkList", item, "cidr", expectV6: false);
                    var v6 = OptionalCidr(reader, "vipNetworkList", item, "v6cidr", expectV6: true);
                    networks.Add(new VipNetwork(name?.Trim() ?? string.Empty, cidr, v6, string.IsNullOrWhiteSpace(uuid) ? null : uuid.Trim()));
                }
            }
        }

        // AKO 1.3 (the seed article) used networkName + subnetIP + subnetPrefix (a dotted mask or a length).
        var legacyName = reader.String("networkName");
        if (networks.Count == 0 && !string.IsNullOrWhiteSpace(legacyName))
        {
            var subnetIp = reader.String("subnetIP");
            var subnetPrefix = reader.String("subnetPrefix");
            string? cidr = null;
            if (!string.IsNullOrWhiteSpace(subnetIp) && !string.IsNullOrWhiteSpace(subnetPrefix))
            {
                var length = PrefixLengthOf(subnetPrefix);
                if (length is null)
                {
                    reader.Add("subnetPrefix", $"'{subnetPrefix}' is neither a prefix length nor a dotted netmask");
                }
                else if (IpCidr.TryParse($"{subnetIp}/{length}", out var parsed, out var error))
                {
                    cidr = parsed.ToString();
                }
                else
                {
                    reader.Add("subnetIP", error!);
                }
            }
            networks.Add(new VipNetwork(legacyName, cidr));
        }
        return networks.ToEquatableArray();
    }

    /// <summary>AKO's <c>GetNodeNetworkMapEnv</c>: at most five entries, each named by <c>networkName</c> or <c>networkUUID</c>
    /// (the uuid wins), with CIDRs read as Go's <c>net.ParseCIDR</c> reads them (any address of the prefix, IPv4 or IPv6).</summary>
    private static EquatableArray<NodeNetwork> ReadNodeNetworks(Reader reader)
    {
        var raw = reader.String("nodeNetworkList");
        if (string.IsNullOrWhiteSpace(raw) || raw == "null" || reader.Json("nodeNetworkList", raw) is not JsonElement list)
        {
            return EquatableArray<NodeNetwork>.Empty;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            reader.Add("nodeNetworkList", "must be a list of {networkName or networkUUID, cidrs}");
            return EquatableArray<NodeNetwork>.Empty;
        }
        if (list.GetArrayLength() > MaxNodeNetworks)
        {
            reader.Add("nodeNetworkList", $"has {list.GetArrayLength()} entries; AKO allows at most {MaxNodeNetworks}");
            return EquatableArray<NodeNetwork>.Empty;
        }
        var networks = new List<NodeNetwork>();
        foreach (var item in list.EnumerateArray())
        {
            var name = StringProperty(item, "networkName");
            var uuid = StringProperty(item, "networkUUID");
            if (string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(uuid))
            {
                reader.Add("nodeNetworkList", "every entry needs a networkName or a networkUUID");
                continue;
            }
            var label = string.IsNullOrWhiteSpace(uuid) ? name : uuid;
            var cidrs = new List<string>();
            if (item.TryGetProperty("cidrs", out var cidrList) && cidrList.ValueKind == JsonValueKind.Array)
            {
                foreach (var c in cidrList.EnumerateArray())
                {
                    var text = c.ValueKind == JsonValueKind.String ? c.GetString() : c.ToString();
                    if (IpCidr.TryParseContaining(text, out var parsed, out var error)) cidrs.Add(parsed.ToString());
                    else reader.Add("nodeNetworkList", $"network {label}: {error}");
                }
            }
            else if (item.TryGetProperty("cidrs", out var notList) && notList.ValueKind != JsonValueKind.Null)
            {
                reader.Add("nodeNetworkList", $"network {label}: cidrs must be a list of CIDRs");
            }
            networks.Add(new NodeNetwork(name?.Trim() ?? string.Empty, cidrs.ToEquatableArray(), string.IsNullOrWhiteSpace(uuid) ? null : uuid.Trim()));
        }
        return networks.ToEquatableArray();
    }

    private static string? StringProperty(JsonElement item, string property) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? OptionalCidr(Reader reader, string key, JsonElement item, string property, bool expectV6)
    {
        if (!item.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null || string.IsNullOrEmpty(value.GetString()))
        {
            return null;
        }
        // AKO's own example of v6cidr names an address of the prefix (2002::1234:abcd:ffff:c0a8:101/64): read as its prefix.
        var parsed = expectV6 ? IpCidr.TryParseContaining(value.GetString(), out var cidr, out var error) : IpCidr.TryParse(value.GetString(), out cidr, out error);
        if (!parsed)
        {
            reader.Add(key, $"{property}: {error}");
            return null;
        }
        if (cidr!.IsIPv6 != expectV6)
        {
            reader.Add(key, $"{property} '{cidr}' is not an IPv{(expectV6 ? 6 : 4)} prefix");
            return null;
        }
        return cidr.ToString();
    }

    private static int? PrefixLengthOf(string prefix)
    {
        if (int.TryParse(prefix, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length is >= 0 and <= 32)
        {
            return length;
        }
        if (!IPAddress.TryParse(prefix, out var mask) || mask.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return null;
        }
        var bits = (uint)IPAddress.NetworkToHostOrder(BitConverter.ToInt32(mask.GetAddressBytes(), 0));
        var ones = System.Numerics.BitOperations.PopCount(bits);
        // A netmask is contiguous ones from the top: shifting the ones away must leave nothing.
        return ones == 32 || bits << ones == 0 ? ones : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ClusterNamePattern();

    /// <summary>Reads typed values and records errors that name the key the way the user wrote it.</summary>
    private sealed class Reader(IReadOnlyDictionary<string, string> data, List<SettingsError> errors)
    {
        public string? String(string key) =>
            data.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public SettingsError Error(string key, string message) => new(Describe(key), message);

        public void Add(string key, string message) => errors.Add(Error(key, message));

        public bool Bool(string key, bool fallback)
        {
            var value = String(key);
            if (value is null) return fallback;
            if (bool.TryParse(value, out var parsed)) return parsed;
            Add(key, $"'{value}' is not a boolean (true or false)");
            return fallback;
        }

        public TimeSpan Seconds(string key, TimeSpan fallback)
        {
            var value = String(key);
            if (value is null) return fallback;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
            Add(key, $"'{value}' is not a whole number of seconds (0 turns periodic full sync off)");
            return fallback;
        }

        public string Enum(string key, string fallback, string[] allowed)
        {
            var value = String(key);
            if (value is null) return fallback;
            var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
            Add(key, $"'{value}' is not one of {string.Join(", ", allowed)}");
            return fallback;
        }

        public T Enum<T>(string key, T fallback, Dictionary<string, T> allowed)
        {
            var value = String(key);
            if (value is null) return fallback;
            foreach (var (name, parsed) in allowed)
            {
                if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase)) return parsed;
            }
            Add(key, $"'{value}' is not one of {string.Join(", ", allowed.Keys)}");
            return fallback;
        }

        public EquatableArray<string> StringList(string key)
        {
            var raw = String(key);
            if (raw is null) return EquatableArray<string>.Empty;
            if (Json(key, raw) is not JsonElement list) return EquatableArray<string>.Empty;
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                Add(key, "must be a list of names");
                return EquatableArray<string>.Empty;
            }
            return list.EnumerateArray().Select(e => e.GetString()!).ToEquatableArray();
        }

        public JsonElement? Json(string key, string raw)
        {
            try
            {
                using var document = JsonDocument.Parse(raw);
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                Add(key, $"is not valid JSON ({e.Message})");
                return null;
            }
        }

        private static string Describe(string configMapKey) =>
            ByConfigMapKey.TryGetValue(configMapKey, out var key)
                ? $"{key.ValuesPath} (ConfigMap {key.ConfigMapKey}, env {key.EnvironmentVariable})"
                : configMapKey;
    }
}
