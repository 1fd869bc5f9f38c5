using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Selectors;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Workloads;

/// <summary>
/// The disruption controller: keeps each PodDisruptionBudget's status (expected, healthy and desired-healthy Pods,
/// disruptions allowed, the DisruptionAllowed condition) from the Pods its selector matches, so <c>kubectl get pdb</c>
/// shows ALLOWED DISRUPTIONS as on a real cluster. Percentages and maxUnavailable count against the replicas of the
/// Pods' controllers (a Deployment through its ReplicaSet, a StatefulSet, a ReplicaSet).
/// </summary>
public sealed class DisruptionController : IWorkloadController
{
    private readonly ResourceRegistry _registry;
    private readonly ClusterTypes _types;

    /// <summary>Creates the controller.</summary>
    public DisruptionController(ResourceRegistry registry, ClusterTypes types)
    {
        _registry = registry;
        _types = types;
    }

    /// <inheritdoc />
    public bool Handles(WorkKind kind) => kind == WorkKind.DisruptionBudget;

    /// <inheritdoc />
    public void Observe(StoreEvent e, WorkQueue queue)
    {
        var o = e.Object;
        if (o.Storage == _types.DisruptionBudgets.Storage)
        {
            queue.Add(new WorkItem(WorkKind.DisruptionBudget, o.Namespace, o.Name));
        }
        else if (o.Storage == _types.Pods.Storage)
        {
            foreach (var budget in _registry.List(_types.DisruptionBudgets, o.Namespace, ListQuery.All).Items)
            {
                queue.Add(new WorkItem(WorkKind.DisruptionBudget, budget.Namespace, budget.Name));
            }
        }
    }

    /// <inheritdoc />
    public void Reconcile(WorkItem item, WorkQueue queue)
    {
        var budget = _registry.TryGet(_types.DisruptionBudgets, item.Namespace, item.Name);
        if (budget is null || budget.StringAt("metadata", "deletionTimestamp") is not null)
        {
            return;
        }
        var selector = budget.At("spec", "selector") is { } s ? LabelSelector.FromObject(s) : LabelSelector.Nothing;
        var pods = _registry.List(_types.Pods, item.Namespace, new ListQuery { Labels = selector }).Items
            .Select(p => _registry.Serve(_types.Pods, p))
            .Where(p => p.StringAt("metadata", "deletionTimestamp") is null)
            .ToList();
        var healthy = pods.Count(PodLifecycle.IsReady);
        var (expected, desired) = Budget(budget.ObjectAt("spec"), pods);
        var allowed = Math.Max(0, healthy - desired);
        var oldCondition = budget.ArrayAt("status", "conditions").OfType<JsonObject>().FirstOrDefault(c => c.StringAt("type") == "DisruptionAllowed");
        var conditionStatus = allowed > 0 ? "True" : "False";
        var status = new JsonObject
        {
            ["observedGeneration"] = budget.LongAt("metadata", "generation") ?? 1,
            ["disruptionsAllowed"] = allowed,
            ["currentHealthy"] = healthy,
            ["desiredHealthy"] = desired,
            ["expectedPods"] = expected,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "DisruptionAllowed",
                ["status"] = conditionStatus,
                ["observedGeneration"] = budget.LongAt("metadata", "generation") ?? 1,
                ["lastTransitionTime"] = oldCondition?.StringAt("status") == conditionStatus ? oldCondition.StringAt("lastTransitionTime") : Timestamp(),
                ["reason"] = allowed > 0 ? "SufficientPods" : "InsufficientPods",
                ["message"] = string.Empty,
            }),
        };
        if (status.SameAs(budget["status"]))
        {
            return;
        }
        var update = budget.CloneObject();
        update["status"] = status;
        try
        {
            _registry.Update(_types.DisruptionBudgets, item.Namespace, item.Name, update, status: true);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Deleted or changed meanwhile: the change requeues the budget.
        }
    }

    // minAvailable as a count needs only the Pods; percentages and maxUnavailable need the controllers' replicas.
    private (long Expected, long Desired) Budget(JsonObject? spec, List<JsonObject> pods)
    {
        if (spec?["maxUnavailable"] is { } maxUnavailable)
        {
            var expected = ControllerReplicas(pods);
            return (expected, Math.Max(0, expected - Scaled(maxUnavailable, expected)));
        }
        if (spec?["minAvailable"] is { } minAvailable)
        {
            var expected = minAvailable.GetValueKind() == JsonValueKind.Number ? pods.Count : ControllerReplicas(pods);
            return (expected, Scaled(minAvailable, expected));
        }
        return (pods.Count, 0);
    }

    // Percentages round up, as the real controller's GetScaledValueFromIntOrPercent(..., roundUp: true).
    private static long Scaled(JsonNode value, long total)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return value.GetValue<long>();
        }
        var percent = long.Parse(value.GetValue<string>().TrimEnd('%'), CultureInfo.InvariantCulture);
        return (long)Math.Ceiling(percent * total / 100.0);
    }

    private long ControllerReplicas(List<JsonObject> pods)
    {
        var controllers = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var ns = pod.StringAt("metadata", "namespace")!;
            var owner = pod.ArrayAt("metadata", "ownerReferences").OfType<JsonObject>().FirstOrDefault(o => o.BoolAt("controller") == true);
            var (key, replicas) = owner?.StringAt("kind") switch
            {
                "StatefulSet" => ($"sts/{owner.StringAt("uid")}", _registry.TryGet(_types.StatefulSets, ns, owner.StringAt("name")!)?.LongAt("spec", "replicas")),
                "ReplicaSet" => ReplicaSetScale(ns, owner),
                _ => ($"pod/{pod.StringAt("metadata", "uid")}", 1L),
            };
            controllers[key] = replicas ?? 0;
        }
        return controllers.Values.Sum();
    }

    // A ReplicaSet that a Deployment controls is scaled through the Deployment, as the real controller reads it.
    private (string Key, long? Replicas) ReplicaSetScale(string ns, JsonObject owner)
    {
        var replicaSet = _registry.TryGet(_types.ReplicaSets, ns, owner.StringAt("name")!);
        var deployment = replicaSet.ArrayAt("metadata", "ownerReferences").OfType<JsonObject>().FirstOrDefault(o => o.BoolAt("controller") == true && o.StringAt("kind") == "Deployment");
        return deployment is not null
            ? ($"deploy/{deployment.StringAt("uid")}", _registry.TryGet(_types.Deployments, ns, deployment.StringAt("name")!)?.LongAt("spec", "replicas"))
            : ($"rs/{owner.StringAt("uid")}", replicaSet.LongAt("spec", "replicas"));
    }

    private string Timestamp() => _registry.Options.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
