using System.Text.Json.Nodes;
using AkoActors.Domain.Settings;
using AkoActors.Yaml;

namespace AkoActors.Configuration;

/// <summary>Flattens the three places AKO users keep settings — a Helm values file, the avi-k8s-config ConfigMap, and the
/// pod's environment — into ConfigMap keys, the form <see cref="AkoSettingsParser"/> reads.</summary>
/// <remarks>Later sources win: values file, then ConfigMap, then environment (as the AKO pod sees its ConfigMap as env).</remarks>
public static class AkoSettingsSources
{
    /// <summary>Reads a Helm values.yaml: each key at its values path (AKOSettings.clusterName...); lists and maps become JSON.</summary>
    public static Dictionary<string, string> FromValuesYaml(string yaml)
    {
        var root = LoadMapping(yaml, "values file");
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in AkoConfigKey.All.Concat(AkoConfigKey.LegacyVipNetwork).Concat(UnsupportedAkoSetting.All.Select(u => u.Key)))
        {
            if (Find(root, key.ValuesPath.Split('.')) is { } node && ToText(node) is { } text) data[key.ConfigMapKey] = text;
        }
        return data;
    }

    /// <summary>Reads a ConfigMap manifest (kind: ConfigMap, data: {...}) such as avi-k8s-config.</summary>
    public static Dictionary<string, string> FromConfigMapYaml(string yaml)
    {
        var root = LoadMapping(yaml, "ConfigMap");
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Find(root, ["data"]) is JsonObject entries)
        {
            foreach (var (name, value) in entries)
            {
                if (ToText(value) is { } text) data[name] = text;
            }
        }
        return data;
    }

    /// <summary>Reads the environment variables AKO's chart sets (CLUSTER_NAME, SHARD_VS_SIZE, ...).</summary>
    public static Dictionary<string, string> FromEnvironment(Func<string, string?> lookup)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in AkoConfigKey.All.Concat(AkoConfigKey.LegacyVipNetwork).Concat(UnsupportedAkoSetting.All.Select(u => u.Key)))
        {
            if (lookup(key.EnvironmentVariable) is { Length: > 0 } value) data[key.ConfigMapKey] = value;
        }
        return data;
    }

    /// <summary>The <c>avicredentials</c> section of a values file (username, password, authtoken, certificateAuthorityData).</summary>
    public static Dictionary<string, string> CredentialsFromValuesYaml(string yaml)
    {
        var root = LoadMapping(yaml, "values file");
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Find(root, ["avicredentials"]) is JsonObject credentials)
        {
            foreach (var (name, value) in credentials)
            {
                if (value is JsonValue && ToText(value) is { Length: > 0 } text) data[name] = text;
            }
        }
        return data;
    }

    public static Dictionary<string, string> Merge(params IEnumerable<KeyValuePair<string, string>>[] sources)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (var (key, value) in source) merged[key] = value;
        }
        return merged;
    }

    private static JsonObject LoadMapping(string yaml, string what)
    {
        JsonNode? root;
        try
        {
            root = YamlJson.Parse(yaml);
        }
        catch (FormatException exception)
        {
            throw new FormatException($"The {what} is not valid YAML: {exception.Message}", exception);
        }
        return root as JsonObject ?? throw new FormatException($"The {what} must be a YAML mapping at the top level");
    }

    private static JsonNode? Find(JsonObject root, IEnumerable<string> path)
    {
        JsonNode? node = root;
        foreach (var segment in path)
        {
            if (node is not JsonObject mapping || !mapping.TryGetPropertyValue(segment, out node)) return null;
        }
        return node;
    }

    /// <summary>Scalars as text; sequences and mappings as JSON, the way the chart renders them into the ConfigMap. The
    /// YAML is read by <see cref="YamlJson"/>'s rules, so an unquoted <c>true</c> or <c>1800</c> reads as Helm reads it.</summary>
    private static string? ToText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        _ => node.ToJsonString(),
    };
}
