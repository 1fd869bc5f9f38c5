using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Workloads;

/// <summary>The ownerReference a controller puts on what it creates: controller and blockOwnerDeletion set, so garbage collection and adoption work as in a real cluster.</summary>
public static class ControllerReference
{
    /// <summary>A controller reference to <paramref name="owner"/> (which carries its apiVersion and kind).</summary>
    public static JsonObject To(JsonObject owner) => new()
    {
        ["apiVersion"] = owner.StringAt("apiVersion"),
        ["kind"] = owner.StringAt("kind"),
        ["name"] = owner.StringAt("metadata", "name"),
        ["uid"] = owner.StringAt("metadata", "uid"),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };
}
