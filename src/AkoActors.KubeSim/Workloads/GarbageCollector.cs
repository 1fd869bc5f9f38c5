using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Resources;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Workloads;

/// <summary>
/// The garbage collector: dependents whose owners are all gone are deleted (background propagation); an owner being
/// deleted in the foreground waits (finalizer <c>foregroundDeletion</c>) until its dependents are gone; an orphaning
/// delete (finalizer <c>orphan</c>) strips the owner reference from dependents first.
/// </summary>
public sealed class GarbageCollector : IWorkloadController
{
    private readonly ResourceRegistry _registry;
    private readonly OwnerIndex _owners;

    /// <summary>Creates the collector.</summary>
    public GarbageCollector(ResourceRegistry registry, OwnerIndex owners)
    {
        _registry = registry;
        _owners = owners;
    }

    /// <inheritdoc />
    public bool Handles(WorkKind kind) => kind == WorkKind.Collect;

    /// <inheritdoc />
    public void Observe(StoreEvent e, WorkQueue queue)
    {
        var o = e.Object;
        if (e.Type == StoreEventType.Deleted || o.IsTerminating)
        {
            queue.Add(new WorkItem(WorkKind.Collect, string.Empty, o.Uid));
        }
        if (e.Type == StoreEventType.Deleted)
        {
            // A dependent went away: a foreground-deleting owner may now be free to go.
            foreach (var owner in o.OwnerUids)
            {
                queue.Add(new WorkItem(WorkKind.Collect, string.Empty, owner));
            }
        }
    }

    /// <inheritdoc />
    public void Reconcile(WorkItem item, WorkQueue queue)
    {
        var uid = item.Name;
        var dependents = _owners.Dependents(uid);
        if (_owners.Find(uid) is not { } ownerRef)
        {
            foreach (var dependent in dependents.Where(d => _owners.OwnersOf(d).All(o => !_owners.IsLive(o))))
            {
                Delete(dependent, "Background");
            }
            return;
        }
        if (_registry.Catalog.FindStorage(ownerRef.Storage) is not { } ownerType || _registry.TryGet(ownerType, ownerRef.Namespace, ownerRef.Name) is not { } owner)
        {
            return;
        }
        var finalizers = owner.ArrayAt("metadata", "finalizers").Select(f => f?.GetValue<string>()).ToList();
        if (owner.StringAt("metadata", "deletionTimestamp") is null)
        {
            return;
        }
        if (finalizers.Contains("orphan"))
        {
            foreach (var dependent in dependents)
            {
                StripOwner(dependent, uid);
            }
            RemoveFinalizer(ownerType, owner, "orphan");
        }
        else if (finalizers.Contains("foregroundDeletion"))
        {
            if (dependents.Count == 0)
            {
                RemoveFinalizer(ownerType, owner, "foregroundDeletion");
                return;
            }
            foreach (var dependent in dependents)
            {
                Delete(dependent, "Foreground");
            }
        }
    }

    private void Delete(ObjectRef dependent, string propagation)
    {
        if (_registry.Catalog.FindStorage(dependent.Storage) is not { } type)
        {
            return;
        }
        try
        {
            _registry.Delete(type, dependent.Namespace.Length == 0 ? null : dependent.Namespace, dependent.Name, new DeleteRequest { PropagationPolicy = propagation });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Already gone or changed meanwhile.
        }
    }

    private void StripOwner(ObjectRef dependent, string ownerUid)
    {
        if (_registry.Catalog.FindStorage(dependent.Storage) is not { } type || _registry.TryGet(type, dependent.Namespace, dependent.Name) is not { } obj)
        {
            return;
        }
        var kept = obj.ArrayAt("metadata", "ownerReferences").Where(o => o.StringAt("uid") != ownerUid).Select(o => o?.DeepClone()).ToArray();
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["ownerReferences"] = kept.Length == 0 ? null : new JsonArray(kept) } };
        try
        {
            _registry.Patch(type, dependent.Namespace, dependent.Name, PatchType.Merge, patch);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Already gone or changed meanwhile.
        }
    }

    private void RemoveFinalizer(ResourceType type, JsonObject owner, string finalizer)
    {
        var kept = owner.ArrayAt("metadata", "finalizers").Where(f => f?.GetValue<string>() != finalizer).Select(f => f?.DeepClone()).ToArray();
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["finalizers"] = kept.Length == 0 ? null : new JsonArray(kept),
                ["resourceVersion"] = owner.StringAt("metadata", "resourceVersion"),
            },
        };
        try
        {
            _registry.Patch(type, owner.StringAt("metadata", "namespace"), owner.StringAt("metadata", "name")!, PatchType.Merge, patch);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Changed meanwhile; the change requeues the owner.
        }
    }
}
