using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Workloads;

/// <summary>
/// The StatefulSet controller: a StatefulSet owns Pods with stable names <c>&lt;name&gt;-0..N-1</c> (from
/// <c>spec.ordinals.start</c>). Under OrderedReady it creates them one at a time, each after the previous is Ready, and
/// removes the highest ordinal first; under Parallel all at once. A new template rolls out highest ordinal first down to
/// the partition, one Pod at a time. Status carries ready/current/updated replicas and the current and update
/// revisions, so <c>kubectl rollout status statefulset/x</c> completes as on a real cluster.
/// </summary>
public sealed class StatefulSetController : IWorkloadController
{
    private const string RevisionLabel = "controller-revision-hash";
    private readonly ResourceRegistry _registry;
    private readonly ClusterTypes _types;
    private readonly OwnerIndex _owners;
    private readonly PodLifecycle? _pods;
    private readonly ClusterEventRecorder _recorder;

    /// <summary>Creates the controller; <paramref name="pods"/> (the scheduler) places new Pods, or null to leave them unscheduled.</summary>
    public StatefulSetController(ResourceRegistry registry, ClusterTypes types, OwnerIndex owners, PodLifecycle? pods, ClusterEventRecorder recorder)
    {
        _registry = registry;
        _types = types;
        _owners = owners;
        _pods = pods;
        _recorder = recorder;
    }

    /// <inheritdoc />
    public bool Handles(WorkKind kind) => kind == WorkKind.StatefulSet;

    /// <inheritdoc />
    public void Observe(StoreEvent e, WorkQueue queue)
    {
        var o = e.Object;
        if (o.Storage == _types.StatefulSets.Storage)
        {
            queue.Add(new WorkItem(WorkKind.StatefulSet, o.Namespace, o.Name));
        }
        else if (o.Storage == _types.Pods.Storage)
        {
            foreach (var owner in _owners.OwnersIn(e, _types.StatefulSets.Storage))
            {
                queue.Add(new WorkItem(WorkKind.StatefulSet, owner.Namespace, owner.Name));
            }
        }
    }

    /// <inheritdoc />
    public void Reconcile(WorkItem item, WorkQueue queue)
    {
        var set = _registry.TryGet(_types.StatefulSets, item.Namespace, item.Name);
        if (set is null || set.StringAt("metadata", "deletionTimestamp") is not null)
        {
            return;
        }
        var name = item.Name;
        var replicas = set.LongAt("spec", "replicas") ?? 1;
        var start = set.LongAt("spec", "ordinals", "start") ?? 0;
        var ordered = set.StringAt("spec", "podManagementPolicy") != "Parallel";
        var updateRevision = $"{name}-{PodTemplateHash.Compute(set.ObjectAt("spec", "template") ?? new JsonObject(), set.LongAt("status", "collisionCount") ?? 0)}";
        EnsureRevision(set, updateRevision);
        var pods = OwnedPods(set);
        // Each step waits for the one before it, as the real controller's ordered pass does; a Pod event requeues the set.
        if (CreateMissing(set, pods, start, replicas, ordered, updateRevision) && RemoveSurplus(set, pods, start, replicas, ordered))
        {
            RollOut(set, pods, start, replicas, updateRevision);
        }
        WriteStatus(set, OwnedPods(set), replicas, updateRevision);
    }

    // The ControllerRevision of the current template (what kubectl rollout history/undo read): created with the next
    // revision number, or, when an older template comes back (rollout undo), renumbered as the newest.
    private void EnsureRevision(JsonObject set, string name)
    {
        var ns = set.StringAt("metadata", "namespace")!;
        var uid = set.StringAt("metadata", "uid")!;
        var owned = _owners.Dependents(uid)
            .Where(r => r.Storage == _types.ControllerRevisions.Storage)
            .Select(r => _registry.TryGet(_types.ControllerRevisions, r.Namespace, r.Name))
            .OfType<JsonObject>()
            .ToList();
        var newest = owned.Select(r => r.LongAt("revision") ?? 0).DefaultIfEmpty(0).Max();
        var current = owned.FirstOrDefault(r => r.StringAt("metadata", "name") == name);
        if (current is not null)
        {
            if ((current.LongAt("revision") ?? 0) < newest)
            {
                _registry.Patch(_types.ControllerRevisions, ns, name, PatchType.Merge, new JsonObject { ["revision"] = newest + 1 });
            }
            return;
        }
        var template = set.ObjectAt("spec", "template")?.CloneObject() ?? new JsonObject();
        template["$patch"] = "replace";
        var revision = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = set.ObjectAt("spec", "selector", "matchLabels")?.DeepClone() ?? new JsonObject(),
                ["ownerReferences"] = new JsonArray(ControllerReference.To(set)),
            },
            ["data"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } },
            ["revision"] = newest + 1,
        };
        revision.EnsureObject("metadata", "labels")["controller.kubernetes.io/hash"] = name[(name.LastIndexOf('-') + 1)..];
        try
        {
            _registry.Create(_types.ControllerRevisions, ns, revision);
        }
        catch (ApiException e) when (e.Code is 409 or 404 or 403)
        {
            // Exists already (the owner index has not seen it yet) or the namespace is going: the next pass settles it.
        }
    }

    private Dictionary<long, JsonObject> OwnedPods(JsonObject set)
    {
        var uid = set.StringAt("metadata", "uid")!;
        var prefix = set.StringAt("metadata", "name") + "-";
        var pods = new Dictionary<long, JsonObject>();
        foreach (var reference in _owners.Dependents(uid).Where(r => r.Storage == _types.Pods.Storage))
        {
            if (_registry.TryGet(_types.Pods, reference.Namespace, reference.Name) is { } pod &&
                reference.Name.StartsWith(prefix, StringComparison.Ordinal) &&
                long.TryParse(reference.Name[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
            {
                pods[ordinal] = pod;
            }
        }
        return pods;
    }

    // Returns false while an ordered StatefulSet waits for a Pod before it may go on.
    private bool CreateMissing(JsonObject set, Dictionary<long, JsonObject> pods, long start, long replicas, bool ordered, string revision)
    {
        for (var ordinal = start; ordinal < start + replicas; ordinal++)
        {
            if (!pods.TryGetValue(ordinal, out var pod))
            {
                if (CreatePod(set, ordinal, revision) is { } created)
                {
                    pods[ordinal] = created;
                }
                if (ordered)
                {
                    return false;
                }
                continue;
            }
            if (ordered && (IsTerminating(pod) || !PodLifecycle.IsReady(pod)))
            {
                return false;
            }
        }
        return true;
    }

    private bool RemoveSurplus(JsonObject set, Dictionary<long, JsonObject> pods, long start, long replicas, bool ordered)
    {
        var surplus = pods.Keys.Where(o => o < start || o >= start + replicas).OrderDescending().ToList();
        foreach (var ordinal in surplus)
        {
            if (!IsTerminating(pods[ordinal]))
            {
                DeletePod(set, pods[ordinal]);
            }
            if (ordered)
            {
                return false;
            }
        }
        return surplus.Count == 0;
    }

    // RollingUpdate: replaces the highest-ordinal Pod of an old revision at or above the partition, once every Pod is Ready.
    private void RollOut(JsonObject set, Dictionary<long, JsonObject> pods, long start, long replicas, string revision)
    {
        if (set.StringAt("spec", "updateStrategy", "type") != "RollingUpdate" || pods.Values.Any(p => IsTerminating(p) || !PodLifecycle.IsReady(p)))
        {
            return;
        }
        var partition = set.LongAt("spec", "updateStrategy", "rollingUpdate", "partition") ?? 0;
        var stale = pods
            .Where(p => p.Key >= start + partition && p.Key < start + replicas && p.Value.StringAt("metadata", "labels", RevisionLabel) != revision)
            .OrderByDescending(p => p.Key)
            .Select(p => p.Value)
            .FirstOrDefault();
        if (stale is not null)
        {
            DeletePod(set, stale);
        }
    }

    private JsonObject? CreatePod(JsonObject set, long ordinal, string revision)
    {
        var ns = set.StringAt("metadata", "namespace")!;
        var podName = $"{set.StringAt("metadata", "name")}-{ordinal.ToString(CultureInfo.InvariantCulture)}";
        var template = set.ObjectAt("spec", "template") ?? new JsonObject();
        var metadata = template.ObjectAt("metadata")?.CloneObject() ?? new JsonObject();
        metadata.Remove("generateName");
        metadata.Remove("namespace");
        metadata["name"] = podName;
        var labels = metadata.EnsureObject("labels");
        labels[RevisionLabel] = revision;
        labels["statefulset.kubernetes.io/pod-name"] = podName;
        labels["apps.kubernetes.io/pod-index"] = ordinal.ToString(CultureInfo.InvariantCulture);
        metadata["ownerReferences"] = new JsonArray(ControllerReference.To(set));
        var spec = template.ObjectAt("spec")?.CloneObject() ?? new JsonObject();
        spec["hostname"] = podName;
        if (set.StringAt("spec", "serviceName") is { Length: > 0 } serviceName)
        {
            spec["subdomain"] = serviceName;
        }
        var pod = new JsonObject { ["metadata"] = metadata, ["spec"] = spec };
        _pods?.PlaceNewPod(pod);
        try
        {
            var created = _registry.Create(_types.Pods, ns, pod, new WriteOptions { PreserveStatus = _pods is not null });
            _recorder.Normal(set, "SuccessfulCreate", $"create Pod {podName} in StatefulSet {set.StringAt("metadata", "name")} successful", "statefulset-controller");
            _pods?.RecordPlacement(created);
            return created;
        }
        catch (ApiException e) when (e.Code is 403 or 404 or 409 or 422)
        {
            _pods?.ReleasePlacement(pod);
            return null;
        }
    }

    private void DeletePod(JsonObject set, JsonObject pod)
    {
        var podName = pod.StringAt("metadata", "name")!;
        try
        {
            _registry.Delete(_types.Pods, pod.StringAt("metadata", "namespace"), podName);
            _recorder.Normal(set, "SuccessfulDelete", $"delete Pod {podName} in StatefulSet {set.StringAt("metadata", "name")} successful", "statefulset-controller");
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Already gone.
        }
    }

    private void WriteStatus(JsonObject set, Dictionary<long, JsonObject> pods, long replicas, string updateRevision)
    {
        var live = pods.Where(p => !IsTerminating(p.Value)).Select(p => p.Value).ToList();
        var ready = live.Count(PodLifecycle.IsReady);
        var updated = live.Count(p => p.StringAt("metadata", "labels", RevisionLabel) == updateRevision);
        var complete = updated == replicas && ready == replicas && live.Count == replicas;
        // The current revision is the one every Pod ran before this rollout; it becomes the update revision once the rollout is done.
        var currentRevision = complete ? updateRevision : set.StringAt("status", "currentRevision") ?? updateRevision;
        var status = new JsonObject
        {
            ["observedGeneration"] = set.LongAt("metadata", "generation") ?? 1,
            ["replicas"] = live.Count,
            ["readyReplicas"] = ready,
            ["currentReplicas"] = live.Count(p => p.StringAt("metadata", "labels", RevisionLabel) == currentRevision),
            ["updatedReplicas"] = updated,
            ["currentRevision"] = currentRevision,
            ["updateRevision"] = updateRevision,
            ["collisionCount"] = set.LongAt("status", "collisionCount") ?? 0,
            ["availableReplicas"] = ready,
        };
        if (status.SameAs(set["status"]))
        {
            return;
        }
        var update = set.CloneObject();
        update["status"] = status;
        try
        {
            _registry.Update(_types.StatefulSets, set.StringAt("metadata", "namespace"), set.StringAt("metadata", "name")!, update, status: true);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Deleted or changed meanwhile: the change requeues the StatefulSet.
        }
    }

    private static bool IsTerminating(JsonObject pod) => pod.StringAt("metadata", "deletionTimestamp") is not null;
}
