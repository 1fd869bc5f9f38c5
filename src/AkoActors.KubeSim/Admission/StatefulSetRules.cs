using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>
/// What kube-apiserver adds for StatefulSets on top of the shared workload rules: its defaults (OrderedReady,
/// RollingUpdate with partition 0, Retain claims), the allowed policies, restartPolicy Always, and a spec of which only
/// replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds may change.
/// </summary>
public static class StatefulSetRules
{
    private static readonly string[] UpdatableFields = ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    /// <summary>Fills the StatefulSet defaults of apps/v1.</summary>
    public static void ApplyDefaults(JsonObject spec)
    {
        spec["podManagementPolicy"] ??= "OrderedReady";
        spec["revisionHistoryLimit"] ??= 10;
        var strategy = spec["updateStrategy"] as JsonObject ?? new JsonObject();
        spec["updateStrategy"] = strategy;
        strategy["type"] ??= "RollingUpdate";
        if (strategy.StringAt("type") == "RollingUpdate")
        {
            (strategy["rollingUpdate"] ??= new JsonObject()).AsObject()["partition"] ??= 0;
        }
        var retention = spec["persistentVolumeClaimRetentionPolicy"] as JsonObject ?? new JsonObject();
        spec["persistentVolumeClaimRetentionPolicy"] = retention;
        retention["whenDeleted"] ??= "Retain";
        retention["whenScaled"] ??= "Retain";
    }

    /// <summary>Field errors of a StatefulSet spec (<paramref name="old"/> is null on create).</summary>
    public static IEnumerable<FieldError> Validate(JsonObject? spec, JsonObject? old)
    {
        if (spec.StringAt("podManagementPolicy") is { } policy && policy is not ("OrderedReady" or "Parallel"))
        {
            yield return FieldError.Invalid("spec.podManagementPolicy", JsonValue.Create(policy), "must be 'OrderedReady' or 'Parallel'");
        }
        if (spec.StringAt("updateStrategy", "type") is { } type && type is not ("RollingUpdate" or "OnDelete"))
        {
            yield return FieldError.Invalid("spec.updateStrategy", JsonValue.Create(type), "must be 'RollingUpdate' or 'OnDelete'");
        }
        if (spec.LongAt("updateStrategy", "rollingUpdate", "partition") is < 0)
        {
            yield return FieldError.Invalid("spec.updateStrategy.rollingUpdate.partition", spec.At("updateStrategy", "rollingUpdate", "partition"), "must be greater than or equal to 0");
        }
        if (spec.StringAt("template", "spec", "restartPolicy") is { } restart && restart != "Always")
        {
            yield return FieldError.NotSupported("spec.template.spec.restartPolicy", JsonValue.Create(restart), ["Always"]);
        }
        if (old is not null && spec is not null && !WithoutUpdatable(spec).SameAs(WithoutUpdatable(old)))
        {
            yield return FieldError.Forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
        }
    }

    private static JsonObject WithoutUpdatable(JsonObject spec)
    {
        var copy = spec.CloneObject();
        foreach (var field in UpdatableFields)
        {
            copy.Remove(field);
        }
        return copy;
    }
}
