using System.Text.Json.Nodes;
using AkoActors.Domain.Settings;
using YamlDotNet.RepresentationModel;

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
        if (Find(root, ["data"]) is YamlMappingNode entries)
        {
            foreach (var (key, value) in entries.Children)
            {
                if (key is YamlScalarNode { Value: { } name } && ToText(value) is { } text) data[name] = text;
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
        if (Find(root, ["avicredentials"]) is YamlMappingNode credentials)
        {
            foreach (var (key, value) in credentials.Children)
            {
                if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { Length: > 0 } text }) data[name] = text;
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

    private static YamlMappingNode LoadMapping(string yaml, string what)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new FormatException($"The {what} is not valid YAML: {exception.Message}", exception);
        }
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping
            ? mapping
            : throw new FormatException($"The {what} must be a YAML mapping at the top level");
    }

    private static YamlNode? Find(YamlMappingNode root, IEnumerable<string> path)
    {
        YamlNode? node = root;
        foreach (var segment in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(segment), out node)) return null;
        }
        return node;
    }

    /// <summary>Scalars as written; sequences and mappings as JSON, the way the chart renders them into the ConfigMap.</summary>
    private static string? ToText(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        _ => ToJson(node)?.ToJsonString(),
    };

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null } => null,
        YamlScalarNode scalar when scalar.Style is YamlDotNet.Core.ScalarStyle.Plain && bool.TryParse(scalar.Value, out var flag) => flag,
        YamlScalarNode scalar when scalar.Style is YamlDotNet.Core.ScalarStyle.Plain && long.TryParse(scalar.Value, out var number) => number,
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlMappingNode mapping => new JsonObject(mapping.Children
            .Where(c => c.Key is YamlScalarNode { Value: not null })
            .Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        _ => null,
    };
}
