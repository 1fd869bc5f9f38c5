using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Registry;

/// <summary>The autoscaling/v1 Scale that the <c>/scale</c> subresource shows of a Deployment or ReplicaSet (what <c>kubectl scale</c> reads and patches).</summary>
public static class ScaleView
{
    /// <summary>The Scale of a workload: its replicas, observed replicas and selector as a string.</summary>
    public static JsonObject Of(JsonObject workload) => new()
    {
        ["kind"] = "Scale",
        ["apiVersion"] = "autoscaling/v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = workload.StringAt("metadata", "name"),
            ["namespace"] = workload.StringAt("metadata", "namespace"),
            ["uid"] = workload.StringAt("metadata", "uid"),
            ["resourceVersion"] = workload.StringAt("metadata", "resourceVersion"),
            ["creationTimestamp"] = workload.StringAt("metadata", "creationTimestamp"),
        },
        ["spec"] = new JsonObject { ["replicas"] = workload.LongAt("spec", "replicas") ?? 0 },
        ["status"] = new JsonObject
        {
            ["replicas"] = workload.LongAt("status", "replicas") ?? 0,
            ["selector"] = Selectors.LabelSelector.FromObject(workload.At("spec", "selector")).ToString(),
        },
    };
}
