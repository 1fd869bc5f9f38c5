using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Resources;

namespace AkoActors.KubeSim.CustomResources;

/// <summary>The resources an established CustomResourceDefinition serves: one per served version, all sharing one storage in the storage version's form.</summary>
public static class CustomResourceTypes
{
    /// <summary>The resource types of a stored CRD (empty when it serves nothing or is being deleted).</summary>
    public static IReadOnlyList<ResourceType> Of(JsonObject crd)
    {
        if (crd.StringAt("metadata", "deletionTimestamp") is not null)
        {
            return [];
        }
        var group = crd.StringAt("spec", "group") ?? string.Empty;
        var names = crd.ObjectAt("spec", "names");
        var kind = names.StringAt("kind") ?? string.Empty;
        var plural = names.StringAt("plural") ?? string.Empty;
        var versions = crd.ArrayAt("spec", "versions").OfType<JsonObject>().ToList();
        var storage = versions.FirstOrDefault(v => v.BoolAt("storage") == true)?.StringAt("name") ?? string.Empty;
        var definition = crd.StringAt("metadata", "name")!;
        return versions
            .Where(v => v.BoolAt("served") == true)
            .OrderBy(v => v, VersionPriority.Comparer)
            .Select(v => new ResourceType
            {
                Group = group,
                Version = v.StringAt("name")!,
                Plural = plural,
                Singular = names.StringAt("singular") ?? kind.ToLowerInvariant(),
                Kind = kind,
                Namespaced = crd.StringAt("spec", "scope") == "Namespaced",
                ShortNames = names.ArrayAt("shortNames").Select(n => n!.GetValue<string>()).ToList(),
                Categories = names.ArrayAt("categories").Select(n => n!.GetValue<string>()).ToList(),
                HasStatus = v.ObjectAt("subresources", "status") is not null,
                HasGeneration = true,
                Conversion = v.StringAt("name") == storage ? null : new ApiVersionConversion($"{group}/{storage}", $"{group}/{v.StringAt("name")}"),
                Custom = new CustomResourceVersion(definition, new StructuralSchema(v.ObjectAt("schema", "openAPIV3Schema")), v.ArrayAt("additionalPrinterColumns").OfType<JsonObject>().ToList()),
            })
            .ToList();
    }
}
