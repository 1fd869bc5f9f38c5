using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>Namespace defaults: the <c>kubernetes.io/metadata.name</c> label, the <c>kubernetes</c> finalizer and phase Active; names are DNS-1123 labels.</summary>
public sealed class NamespaceStrategy : IResourceStrategy
{
    /// <inheritdoc />
    public IEnumerable<string> CheckName(string name) => NameRules.CheckLabel(name);

    /// <inheritdoc />
    public void PrepareForCreate(JsonObject obj, AdmissionContext context)
    {
        ApplyDefaults(obj);
        obj["status"] = new JsonObject { ["phase"] = "Active" };
    }

    /// <inheritdoc />
    public void PrepareForUpdate(JsonObject obj, JsonObject old, AdmissionContext context) => ApplyDefaults(obj);

    private static void ApplyDefaults(JsonObject obj)
    {
        obj.EnsureObject("metadata", "labels")["kubernetes.io/metadata.name"] = obj.StringAt("metadata", "name");
        obj.EnsureObject("spec")["finalizers"] ??= new JsonArray("kubernetes");
    }
}
