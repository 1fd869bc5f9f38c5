using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Workloads;

/// <summary>The ReplicaSet controller: a ReplicaSet owns its replicas' Pods (<c>&lt;rs&gt;-&lt;5 chars&gt;</c>), creating and deleting them to match spec.replicas, and reports status from them.</summary>
public sealed class ReplicaSetController : IWorkloadController
{
    private readonly ResourceRegistry _registry;
    private readonly ClusterTypes _types;
    private readonly OwnerIndex _owners;
    private readonly PodLifecycle? _pods;
    private readonly ClusterEventRecorder _recorder;

    /// <summary>Creates the controller; <paramref name="pods"/> (the scheduler) places new Pods, or null to leave them unscheduled.</summary>
    public ReplicaSetController(ResourceRegistry registry, ClusterTypes types, OwnerIndex owners, PodLifecycle? pods, ClusterEventRecorder recorder)
    {
        _registry = registry;
        _types = types;
        _owners = owners;
        _pods = pods;
        _recorder = recorder;
    }

    /// <inheritdoc />
    public bool Handles(WorkKind kind) => kind == WorkKind.ReplicaSet;

    /// <inheritdoc />
    public void Observe(StoreEvent e, WorkQueue queue)
    {
        var o = e.Object;
        if (o.Storage == _types.ReplicaSets.Storage)
        {
            queue.Add(new WorkItem(WorkKind.ReplicaSet, o.Namespace, o.Name));
        }
        else if (o.Storage == _types.Pods.Storage)
        {
            foreach (var owner in _owners.OwnersIn(e, _types.ReplicaSets.Storage))
            {
                queue.Add(new WorkItem(WorkKind.ReplicaSet, owner.Namespace, owner.Name));
            }
        }
    }

    /// <inheritdoc />
    public void Reconcile(WorkItem item, WorkQueue queue) => ReconcileReplicaSet(item.Namespace, item.Name);

    private void ReconcileReplicaSet(string ns, string name)
    {
        var replicaSet = _registry.TryGet(_types.ReplicaSets, ns, name);
        if (replicaSet is null || replicaSet.StringAt("metadata", "deletionTimestamp") is not null)
        {
            return;
        }
        var uid = replicaSet.StringAt("metadata", "uid")!;
        var desired = replicaSet.LongAt("spec", "replicas") ?? 1;
        var pods = _owners.Dependents(uid)
            .Where(r => r.Storage == _types.Pods.Storage)
            .Select(r => _registry.TryGet(_types.Pods, r.Namespace, r.Name))
            .OfType<JsonObject>()
            .Where(p => p.StringAt("metadata", "deletionTimestamp") is null)
            .ToList();
        for (var i = pods.Count; i < desired; i++)
        {
            if (CreatePod(replicaSet) is { } pod)
            {
                pods.Add(pod);
                _recorder.Normal(replicaSet, "SuccessfulCreate", $"Created pod: {pod.StringAt("metadata", "name")}", "replicaset-controller");
                _pods?.RecordPlacement(pod);
            }
        }
        if (pods.Count > desired)
        {
            // Like the real controller: unscheduled before scheduled, pending before running, not-ready before ready, newest first.
            var surplus = pods
                .OrderBy(p => p.StringAt("spec", "nodeName") is null ? 0 : 1)
                .ThenBy(p => p.StringAt("status", "phase") == "Pending" ? 0 : 1)
                .ThenBy(p => PodLifecycle.IsReady(p) ? 1 : 0)
                .ThenByDescending(p => p.StringAt("metadata", "creationTimestamp"), StringComparer.Ordinal)
                .Take(pods.Count - (int)desired)
                .ToList();
            foreach (var pod in surplus)
            {
                try
                {
                    _registry.Delete(_types.Pods, ns, pod.StringAt("metadata", "name")!);
                    _recorder.Normal(replicaSet, "SuccessfulDelete", $"Deleted pod: {pod.StringAt("metadata", "name")}", "replicaset-controller");
                }
                catch (ApiException e) when (e.Code == 404)
                {
                    // Already gone.
                }
                pods.Remove(pod);
            }
        }
        var ready = pods.Count(PodLifecycle.IsReady);
        var status = new JsonObject
        {
            ["replicas"] = pods.Count,
            ["fullyLabeledReplicas"] = pods.Count,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["observedGeneration"] = replicaSet.LongAt("metadata", "generation") ?? 1,
        };
        if (status.SameAs(replicaSet["status"]))
        {
            return;
        }
        var update = replicaSet.CloneObject();
        update["status"] = status;
        try
        {
            _registry.Update(_types.ReplicaSets, ns, name, update, status: true);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Deleted or changed meanwhile: the change requeues the ReplicaSet.
        }
    }

    private JsonObject? CreatePod(JsonObject replicaSet)
    {
        var ns = replicaSet.StringAt("metadata", "namespace")!;
        var rsName = replicaSet.StringAt("metadata", "name")!;
        var template = replicaSet.ObjectAt("spec", "template") ?? new JsonObject();
        var metadata = template.ObjectAt("metadata")?.CloneObject() ?? new JsonObject();
        metadata.Remove("name");
        metadata.Remove("namespace");
        metadata["generateName"] = rsName + "-";
        metadata["ownerReferences"] = new JsonArray(ControllerReference.To(replicaSet));
        var pod = new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = template.ObjectAt("spec")?.CloneObject() ?? new JsonObject(),
        };
        _pods?.PlaceNewPod(pod);
        try
        {
            return _registry.Create(_types.Pods, ns, pod, new WriteOptions { PreserveStatus = _pods is not null });
        }
        catch (ApiException e) when (e.Code is 403 or 404 or 409 or 422)
        {
            _pods?.ReleasePlacement(pod);
            return null;
        }
    }
}
