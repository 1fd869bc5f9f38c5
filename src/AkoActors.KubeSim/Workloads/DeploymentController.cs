using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Workloads;

/// <summary>
/// The Deployment controller: a Deployment owns one ReplicaSet per pod template
/// (<c>&lt;deploy&gt;-&lt;pod-template-hash&gt;</c>, older ones scaled to zero) and reports status (READY 5/5) from them.
/// </summary>
public sealed class DeploymentController : IWorkloadController
{
    private const string HashLabel = "pod-template-hash";
    private const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    private readonly ResourceRegistry _registry;
    private readonly ClusterTypes _types;
    private readonly OwnerIndex _owners;
    private readonly ClusterEventRecorder _recorder;

    /// <summary>Creates the controller.</summary>
    public DeploymentController(ResourceRegistry registry, ClusterTypes types, OwnerIndex owners, ClusterEventRecorder recorder)
    {
        _recorder = recorder;
        _registry = registry;
        _types = types;
        _owners = owners;
    }

    /// <inheritdoc />
    public bool Handles(WorkKind kind) => kind == WorkKind.Deployment;

    /// <inheritdoc />
    public void Observe(StoreEvent e, WorkQueue queue)
    {
        var o = e.Object;
        if (o.Storage == _types.Deployments.Storage)
        {
            queue.Add(new WorkItem(WorkKind.Deployment, o.Namespace, o.Name));
        }
        else if (o.Storage == _types.ReplicaSets.Storage)
        {
            foreach (var owner in _owners.OwnersIn(e, _types.Deployments.Storage))
            {
                queue.Add(new WorkItem(WorkKind.Deployment, owner.Namespace, owner.Name));
            }
        }
    }

    /// <inheritdoc />
    public void Reconcile(WorkItem item, WorkQueue queue) => ReconcileDeployment(item.Namespace, item.Name);

    private void ReconcileDeployment(string ns, string name)
    {
        var deployment = _registry.TryGet(_types.Deployments, ns, name);
        if (deployment is null || deployment.StringAt("metadata", "deletionTimestamp") is not null)
        {
            return;
        }
        var uid = deployment.StringAt("metadata", "uid")!;
        var template = deployment.ObjectAt("spec", "template") ?? new JsonObject();
        var replicas = deployment.LongAt("spec", "replicas") ?? 1;
        var hash = PodTemplateHash.Compute(template, deployment.LongAt("status", "collisionCount") ?? 0);
        var owned = OwnedReplicaSets(uid);
        var current = owned.FirstOrDefault(rs => rs.StringAt("metadata", "labels", HashLabel) == hash);
        var revision = owned.Select(rs => long.TryParse(rs.StringAt("metadata", "annotations", RevisionAnnotation), out var r) ? r : 0).DefaultIfEmpty(0).Max();
        if (current is null)
        {
            current = CreateReplicaSet(deployment, template, hash, replicas, revision + 1);
            if (current is not null)
            {
                RecordScaling(deployment, current, 0, replicas);
            }
        }
        else
        {
            var previous = current.LongAt("spec", "replicas") ?? 0;
            var ownRevision = long.TryParse(current.StringAt("metadata", "annotations", RevisionAnnotation), out var r) ? r : 0;
            // A template that comes back (rollout undo) revives its old ReplicaSet under a new, highest revision.
            var newRevision = ownRevision < revision ? revision + 1 : ownRevision;
            if (previous != replicas || newRevision != ownRevision)
            {
                if (previous != replicas)
                {
                    RecordScaling(deployment, current, previous, replicas);
                }
                current = _registry.Patch(_types.ReplicaSets, ns, current.StringAt("metadata", "name")!, PatchType.Merge, new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["annotations"] = new JsonObject
                        {
                            ["deployment.kubernetes.io/desired-replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
                            [RevisionAnnotation] = newRevision.ToString(CultureInfo.InvariantCulture),
                        },
                    },
                    ["spec"] = new JsonObject { ["replicas"] = replicas },
                });
            }
        }
        foreach (var old in owned.Where(rs => rs.StringAt("metadata", "uid") != current?.StringAt("metadata", "uid") && (rs.LongAt("spec", "replicas") ?? 0) > 0))
        {
            RecordScaling(deployment, old, old.LongAt("spec", "replicas") ?? 0, 0);
            _registry.Patch(_types.ReplicaSets, ns, old.StringAt("metadata", "name")!, PatchType.Merge, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 0 } });
        }
        if (current?.StringAt("metadata", "annotations", RevisionAnnotation) is { } currentRevision &&
            deployment.StringAt("metadata", "annotations", RevisionAnnotation) != currentRevision)
        {
            // The real controller mirrors the live revision onto the Deployment; kubectl rollout history/undo rely on it.
            deployment = _registry.Patch(_types.Deployments, ns, name, PatchType.Merge, new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RevisionAnnotation] = currentRevision } },
            });
        }
        WriteDeploymentStatus(deployment, OwnedReplicaSets(uid), current, replicas);
    }

    private void RecordScaling(JsonObject deployment, JsonObject replicaSet, long from, long to) =>
        _recorder.Normal(deployment, "ScalingReplicaSet", $"Scaled {(to > from ? "up" : "down")} replica set {replicaSet.StringAt("metadata", "name")} from {from} to {to}", "deployment-controller");

    private List<JsonObject> OwnedReplicaSets(string uid) =>
        _owners.Dependents(uid)
            .Where(r => r.Storage == _types.ReplicaSets.Storage)
            .Select(r => _registry.TryGet(_types.ReplicaSets, r.Namespace, r.Name))
            .OfType<JsonObject>()
            .Where(rs => rs.ArrayAt("metadata", "ownerReferences").Any(o => o.StringAt("uid") == uid && o.BoolAt("controller") == true))
            .ToList();

    private JsonObject? CreateReplicaSet(JsonObject deployment, JsonObject template, string hash, long replicas, long revision)
    {
        var ns = deployment.StringAt("metadata", "namespace")!;
        var name = $"{deployment.StringAt("metadata", "name")}-{hash}";
        var podTemplate = template.CloneObject();
        podTemplate.EnsureObject("metadata", "labels")[HashLabel] = hash;
        var selector = deployment.ObjectAt("spec", "selector")?.CloneObject() ?? new JsonObject();
        selector.EnsureObject("matchLabels")[HashLabel] = hash;
        var replicaSet = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = podTemplate.ObjectAt("metadata", "labels")!.DeepClone(),
                ["annotations"] = new JsonObject
                {
                    ["deployment.kubernetes.io/desired-replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/max-replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
                    [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture),
                },
                ["ownerReferences"] = new JsonArray(ControllerReference.To(deployment)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = selector,
                ["template"] = podTemplate,
            },
        };
        try
        {
            return _registry.Create(_types.ReplicaSets, ns, replicaSet);
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            // A ReplicaSet of that name that we do not own: a real controller bumps collisionCount; leave it.
            return null;
        }
    }

    private void WriteDeploymentStatus(JsonObject deployment, List<JsonObject> owned, JsonObject? current, long desired)
    {
        long Sum(string field) => owned.Sum(rs => rs.LongAt("status", field) ?? 0);
        var replicas = Sum("replicas");
        var ready = Sum("readyReplicas");
        var available = Sum("availableReplicas");
        var updated = current?.LongAt("status", "replicas") ?? 0;
        var status = new JsonObject
        {
            ["observedGeneration"] = deployment.LongAt("metadata", "generation") ?? 1,
            ["replicas"] = replicas,
            ["updatedReplicas"] = updated,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = available,
        };
        if (desired - available > 0)
        {
            status["unavailableReplicas"] = desired - available;
        }
        var complete = updated == desired && replicas == desired && available == desired;
        var oldConditions = deployment.ArrayAt("status", "conditions").OfType<JsonObject>().ToList();
        var currentName = current?.StringAt("metadata", "name") ?? string.Empty;
        status["conditions"] = new JsonArray(
            Condition(oldConditions, "Available", available >= desired ? "True" : "False", available >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", available >= desired ? "Deployment has minimum availability." : "Deployment does not have minimum availability."),
            Condition(oldConditions, "Progressing", "True", complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated", complete ? $"ReplicaSet \"{currentName}\" has successfully progressed." : $"ReplicaSet \"{currentName}\" is progressing."));
        if (status.SameAs(deployment["status"]))
        {
            return;
        }
        var update = deployment.CloneObject();
        update["status"] = status;
        try
        {
            _registry.Update(_types.Deployments, deployment.StringAt("metadata", "namespace"), deployment.StringAt("metadata", "name")!, update, status: true);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Deleted or changed meanwhile: the change requeues the Deployment.
        }
    }

    private JsonObject Condition(List<JsonObject> existing, string type, string status, string reason, string message)
    {
        var now = Timestamp();
        var previous = existing.FirstOrDefault(c => c.StringAt("type") == type);
        var same = previous is not null && previous.StringAt("status") == status && previous.StringAt("reason") == reason && previous.StringAt("message") == message;
        if (same)
        {
            return previous!.CloneObject();
        }
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastUpdateTime"] = now,
            ["lastTransitionTime"] = previous is not null && previous.StringAt("status") == status ? previous.StringAt("lastTransitionTime") : now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private string Timestamp() => _registry.Options.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
