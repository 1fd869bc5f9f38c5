using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Resources;

namespace AkoActors.KubeSim.Admission;

/// <summary>Validation of the metadata every object shares: name (by the kind's rule), namespace, labels, annotations, owner references.</summary>
public static class MetadataRules
{
    /// <summary>Throws 422 Invalid listing every metadata problem of <paramref name="obj"/>.</summary>
    public static void Check(ResourceType type, IResourceStrategy strategy, JsonObject obj)
    {
        var metadata = obj.ObjectAt("metadata")!;
        var name = metadata.StringAt("name") ?? string.Empty;
        var errors = strategy.CheckName(name).Select(p => FieldError.Invalid("metadata.name", JsonValue.Create(name), p)).ToList();
        if (type.Namespaced && metadata.StringAt("namespace") is { } ns)
        {
            errors.AddRange(NameRules.CheckLabel(ns).Select(p => FieldError.Invalid("metadata.namespace", JsonValue.Create(ns), p)));
        }
        errors.AddRange(NameRules.CheckLabels(metadata.ObjectAt("labels"), "metadata.labels"));
        foreach (var (key, value) in metadata.ObjectAt("annotations") ?? [])
        {
            errors.AddRange(NameRules.CheckQualifiedName(key).Select(p => FieldError.Invalid("metadata.annotations", JsonValue.Create(key), p)));
            if (value is not JsonValue v || !v.TryGetValue<string>(out _))
            {
                errors.Add(FieldError.Invalid($"metadata.annotations[{key}]", value, "annotation values must be strings"));
            }
        }
        var owners = metadata.ArrayAt("ownerReferences").ToList();
        for (var i = 0; i < owners.Count; i++)
        {
            foreach (var field in new[] { "apiVersion", "kind", "name", "uid" }.Where(f => string.IsNullOrEmpty(owners[i].StringAt(f))))
            {
                errors.Add(FieldError.Required($"metadata.ownerReferences[{i}].{field}"));
            }
        }
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(type.Kind, type.Group, name, errors);
        }
    }
}
