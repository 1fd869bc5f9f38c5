using System.Text.Json.Nodes;
using AkoActors.KubeSim.Resources;

namespace AkoActors.KubeSim.Protobuf;

/// <summary>
/// Finds fields an object carries that its kind does not declare (a typo such as <c>sepc:</c>), using the field names of
/// the published protobuf schema — what <c>fieldValidation=Strict</c> refuses, and what <c>Warn</c> (the default) and
/// <c>Ignore</c> drop from the stored object, as kube-apiserver does.
/// </summary>
public static class DeclaredFields
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
        foreach (var (key, value) in obj.ToList())
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

    private static Dictionary<string, ProtoField> Fields(string message)
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
