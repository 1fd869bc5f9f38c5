using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AkoActors.Yaml;

/// <summary>Turns YAML documents (Kubernetes request bodies sent as application/yaml, AKO values files and ConfigMaps,
/// simulator profiles) into JSON nodes by one set of rules, YAML 1.2's core schema, so the same text means the same
/// thing to the controller and to the simulators.</summary>
/// <remarks>Rules: quoted, literal and folded scalars and <c>!!str</c> are strings; plain <c>null</c>, <c>~</c> and empty are
/// null; <c>true</c>/<c>false</c> (also <c>True</c>, <c>TRUE</c>...) are booleans; decimal and <c>0x</c> integers are numbers,
/// as are decimal floats; anything else is a string. Mapping keys must be scalars and unique. Malformed YAML is a
/// <see cref="FormatException"/> with the line.</remarks>
public static class YamlJson
{
    /// <summary>Every document of a YAML stream as JSON; empty documents are skipped. Throws <see cref="FormatException"/> on malformed YAML.</summary>
    public static IReadOnlyList<JsonNode?> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"error converting YAML to JSON: yaml: line {e.Start.Line}: {e.Message}", e);
        }
        return stream.Documents
            .Where(d => d.RootNode is not YamlScalarNode { Value: null or "" } || d.RootNode.Tag.IsEmpty == false)
            .Select(d => Convert(d.RootNode))
            .Where(n => n is not null)
            // Re-read as JSON text, so the nodes behave exactly like parsed JSON (TryGetValue<int> on 24, GetValueKind),
            // not like nodes wrapping the CLR values the conversion created.
            .Select(n => JsonNode.Parse(n!.ToJsonString()))
            .ToList();
    }

    /// <summary>The single document of a YAML text as JSON.</summary>
    public static JsonNode? Parse(string yaml)
    {
        var docs = ParseAll(yaml);
        return docs.Count switch
        {
            0 => null,
            1 => docs[0],
            _ => throw new FormatException("expected a single YAML document"),
        };
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new FormatException($"unsupported YAML node {node.NodeType}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new FormatException("YAML mapping keys must be scalars");
            }
            if (obj.ContainsKey(name))
            {
                throw new FormatException($"mapping key \"{name}\" already defined");
            }
            obj[name] = Convert(value);
        }
        return obj;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str")
        {
            return JsonValue.Create(text);
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }
        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }
        if (LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }
        return JsonValue.Create(text);
    }

    private static bool LooksLikeFloat(string text) =>
        text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') && text.Any(char.IsDigit) && text.All(c => char.IsDigit(c) || c is '.' or 'e' or 'E' or '-' or '+');
}
