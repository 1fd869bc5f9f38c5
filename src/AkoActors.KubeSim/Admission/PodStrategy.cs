using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>Pod defaulting and validation; a new Pod starts Pending until the simulated scheduler and kubelet move it on.</summary>
public sealed class PodStrategy : IResourceStrategy
{
    /// <inheritdoc />
    public void PrepareForCreate(JsonObject obj, AdmissionContext context)
    {
        PodSpecRules.ApplyDefaults(obj.ObjectAt("spec"));
        if (obj.StringAt("status", "phase") is null)
        {
            obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
        }
    }

    /// <inheritdoc />
    public void PrepareForUpdate(JsonObject obj, JsonObject old, AdmissionContext context) => PodSpecRules.ApplyDefaults(obj.ObjectAt("spec"));

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        foreach (var error in PodSpecRules.Validate(obj.ObjectAt("spec"), "spec"))
        {
            yield return error;
        }
        if (old is not null && old.StringAt("spec", "nodeName") is { Length: > 0 } node && obj.StringAt("spec", "nodeName") != node)
        {
            yield return FieldError.Forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");
        }
    }
}
