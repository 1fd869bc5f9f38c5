using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Resources;

namespace AkoActors.KubeSim.Protobuf;

/// <summary>
/// Finds fields an object carries that its kind does not declare (a typo such as <c>sepc:</c>), using the field names of
/// the published protobuf schema — what <c>fieldValidation=Strict</c> refuses, and what <c>Warn</c> (the default) and
/// <c>Ignore</c> drop from the stored object, as kube-apiserver does.
/// </summary>
public static class FieldSchema
{
    private static readonly HashSet<string> OpaqueMessages =
    [
        "k8s.io.apimachinery.pkg.apis.meta.v1.Time",
        "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime",
        "k8s.io.apimachinery.pkg.apis.meta.v1.Duration",
        "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1",
        "k8s.io.apimachinery.pkg.util.intstr.IntOrString",
        "k8s.io.apimachinery.pkg.api.resource.Quantity",
        "k8s.io.apimachinery.pkg.runtime.RawExtension",
    ];

    /// <summary>
    /// The first value whose JSON type cannot decode into its field (a string where an int32 belongs, an object where a
    /// list belongs), worded like Go's decoder as kube-apiserver reports it; null when every value fits.
    /// </summary>
    public static string? FindTypeError(ResourceType type, JsonObject obj)
    {
        var message = KubeProtobufReader.MessageOf(type.Group, type.Kind);
        return message is null || ProtoSchema.Embedded.Message(message) is null ? null : TypeErrorIn(obj, message, string.Empty);
    }

    private static string? TypeErrorIn(JsonObject obj, string message, string path)
    {
        var fields = Fields(message);
        var structName = message[(message.LastIndexOf('.') + 1)..];
        foreach (var (key, value) in obj)
        {
            if (value is null || !fields.TryGetValue(key, out var field))
            {
                continue;
            }
            var at = path.Length == 0 ? key : $"{path}.{key}";
            string Mismatch(JsonNode node, string goType) => $"json: cannot unmarshal {JsonKind(node)} into Go struct field {structName}.{at} of type {goType}";
            switch (field.Cardinality)
            {
                case "map" when value is not JsonObject:
                    return Mismatch(value, $"map[string]{GoType(field.Type)}");
                case "map":
                    foreach (var (_, entry) in (JsonObject)value)
                    {
                        if (entry is not null && CheckValue(entry, field.Type, at) is { } error)
                        {
                            return error.StartsWith("json:", StringComparison.Ordinal) ? error : Mismatch(entry, GoType(field.Type));
                        }
                    }
                    break;
                case "repeated" when value is not JsonArray:
                    return Mismatch(value, $"[]{GoType(field.Type)}");
                case "repeated":
                    foreach (var item in (JsonArray)value)
                    {
                        if (item is not null && CheckValue(item, field.Type, at) is { } error)
                        {
                            return error.StartsWith("json:", StringComparison.Ordinal) ? error : Mismatch(item, GoType(field.Type));
                        }
                    }
                    break;
                default:
                    if (CheckValue(value, field.Type, at) is { } single)
                    {
                        return single.StartsWith("json:", StringComparison.Ordinal) ? single : Mismatch(value, GoType(field.Type));
                    }
                    break;
            }
        }
        return null;
    }

    // Returns null when the value fits, a full message from a nested struct, or a marker asking the caller to word it.
    private static string? CheckValue(JsonNode value, string type, string path)
    {
        var kind = value.GetValueKind();
        var fits = type switch
        {
            "string" => kind == JsonValueKind.String,
            "bytes" => kind == JsonValueKind.String,
            "bool" => kind is JsonValueKind.True or JsonValueKind.False,
            "int32" or "int64" or "uint32" or "uint64" or "sint32" or "sint64" => kind == JsonValueKind.Number && IsInteger(value),
            "double" or "float" => kind == JsonValueKind.Number,
            "k8s.io.apimachinery.pkg.util.intstr.IntOrString" => kind == JsonValueKind.String || (kind == JsonValueKind.Number && IsInteger(value)),
            "k8s.io.apimachinery.pkg.api.resource.Quantity" => kind is JsonValueKind.String or JsonValueKind.Number,
            "k8s.io.apimachinery.pkg.apis.meta.v1.Time" or "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime" => kind == JsonValueKind.String,
            "k8s.io.apimachinery.pkg.apis.meta.v1.Duration" => kind == JsonValueKind.String,
            _ when OpaqueMessages.Contains(type) => true,
            _ => kind == JsonValueKind.Object,
        };
        if (!fits)
        {
            return "mismatch";
        }
        return kind == JsonValueKind.Object && !OpaqueMessages.Contains(type) && ProtoSchema.Embedded.Message(type) is not null
            ? TypeErrorIn((JsonObject)value, type, path)
            : null;
    }

    private static bool IsInteger(JsonNode value) =>
        value is JsonValue v && (v.TryGetValue<long>(out _) || v.TryGetValue<int>(out _) || (v.TryGetValue<JsonElement>(out var e) && e.TryGetInt64(out _)) || (v.TryGetValue<double>(out var d) && d == Math.Floor(d)));

    private static string JsonKind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    private static string GoType(string type) => type switch
    {
        "bytes" => "[]uint8",
        "k8s.io.apimachinery.pkg.util.intstr.IntOrString" => "intstr.IntOrString",
        "k8s.io.apimachinery.pkg.api.resource.Quantity" => "resource.Quantity",
        _ when type.Contains('.', StringComparison.Ordinal) => "v1." + type[(type.LastIndexOf('.') + 1)..],
        _ => type,
    };

    /// <summary>Dotted paths of undeclared fields (empty when all are declared or the kind has no schema).</summary>
    public static IReadOnlyList<string> FindUnknown(ResourceType type, JsonObject obj) => Walk(type, obj, prune: false);

    /// <summary>Removes undeclared fields, as kube-apiserver drops what its types do not declare; returns their paths.</summary>
    public static IReadOnlyList<string> Prune(ResourceType type, JsonObject obj) => Walk(type, obj, prune: true);

    private static List<string> Walk(ResourceType type, JsonObject obj, bool prune)
    {
        var message = KubeProtobufReader.MessageOf(type.Group, type.Kind);
        var unknown = new List<string>();
        if (message is null || ProtoSchema.Embedded.Message(message) is null)
        {
            return unknown;
        }
        CheckObject(obj, message, string.Empty, unknown, prune, root: true);
        return unknown;
    }

    private static void CheckObject(JsonObject obj, string message, string path, List<string> unknown, bool prune, bool root = false)
    {
        var fields = Fields(message);
        foreach (var (key, value) in prune ? obj.ToList() : (IEnumerable<KeyValuePair<string, JsonNode?>>)obj)
        {
            if (key.StartsWith('$') || (root && key is "apiVersion" or "kind"))
            {
                continue;
            }
            var at = path.Length == 0 ? key : $"{path}.{key}";
            if (!fields.TryGetValue(key, out var field))
            {
                unknown.Add(at);
                if (prune)
                {
                    obj.Remove(key);
                }
                continue;
            }
            if (OpaqueMessages.Contains(field.Type) || ProtoSchema.Embedded.Message(field.Type) is null)
            {
                continue;
            }
            switch (field.Cardinality, value)
            {
                case ("map", JsonObject map):
                    foreach (var (entryKey, entry) in map)
                    {
                        if (entry is JsonObject entryObject)
                        {
                            CheckObject(entryObject, field.Type, $"{at}[{entryKey}]", unknown, prune);
                        }
                    }
                    break;
                case ("repeated", JsonArray list):
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is JsonObject item)
                        {
                            CheckObject(item, field.Type, $"{at}[{i}]", unknown, prune);
                        }
                    }
                    break;
                case ("single", JsonObject child):
                    CheckObject(child, field.Type, at, unknown, prune);
                    break;
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, ProtoField>> FieldsByMessage = new(StringComparer.Ordinal);

    private static Dictionary<string, ProtoField> Fields(string message) => FieldsByMessage.GetOrAdd(message, BuildFields);

    private static Dictionary<string, ProtoField> BuildFields(string message)
    {
        var fields = new Dictionary<string, ProtoField>(StringComparer.Ordinal);
        foreach (var field in ProtoSchema.Embedded.Message(message)?.Values ?? [])
        {
            if (KubeProtobufReader.InlineFields.Contains(field.JsonName))
            {
                foreach (var (name, inner) in Fields(field.Type))
                {
                    fields[name] = inner;
                }
            }
            else
            {
                fields[field.JsonName] = field;
            }
        }
        return fields;
    }
}
