using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Workloads;

/// <summary>Who owns whom (ownerReferences) and which uids are alive, kept current from the store's event stream for the ReplicaSet controller and the garbage collector.</summary>
public sealed class OwnerIndex
{
    private readonly Dictionary<string, HashSet<ObjectRef>> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectRef, IReadOnlyList<string>> _owners = new();
    private readonly Dictionary<string, ObjectRef> _live = new(StringComparer.Ordinal);

    /// <summary>Applies one store event.</summary>
    public void Apply(StoreEvent e)
    {
        var o = e.Object;
        var reference = new ObjectRef(o.Storage, o.Namespace, o.Name);
        if (_owners.Remove(reference, out var previous))
        {
            foreach (var owner in previous)
            {
                if (_dependents.TryGetValue(owner, out var set))
                {
                    set.Remove(reference);
                    if (set.Count == 0)
                    {
                        _dependents.Remove(owner);
                    }
                }
            }
        }
        if (e.Type == StoreEventType.Deleted)
        {
            _live.Remove(o.Uid);
            return;
        }
        _live[o.Uid] = reference;
        if (o.OwnerUids.Count > 0)
        {
            _owners[reference] = o.OwnerUids;
            foreach (var owner in o.OwnerUids)
            {
                if (!_dependents.TryGetValue(owner, out var set))
                {
                    _dependents[owner] = set = [];
                }
                set.Add(reference);
            }
        }
    }

    /// <summary>Objects whose ownerReferences name this uid.</summary>
    public IReadOnlyCollection<ObjectRef> Dependents(string ownerUid) =>
        _dependents.TryGetValue(ownerUid, out var set) ? set.ToList() : [];

    /// <summary>The owner uids of an object.</summary>
    public IReadOnlyList<string> OwnersOf(ObjectRef reference) => _owners.GetValueOrDefault(reference) ?? [];

    /// <summary>The live owners in <paramref name="ownerStorage"/> of the object an event is about, before or after the change.</summary>
    public IEnumerable<ObjectRef> OwnersIn(StoreEvent e, string ownerStorage) =>
        e.Object.OwnerUids.Concat(e.Previous?.OwnerUids ?? [])
            .Distinct()
            .Select(Find)
            .OfType<ObjectRef>()
            .Where(owner => owner.Storage == ownerStorage);

    /// <summary>Whether an object with this uid exists.</summary>
    public bool IsLive(string uid) => _live.ContainsKey(uid);

    /// <summary>Where the object with this uid lives, if it exists.</summary>
    public ObjectRef? Find(string uid) => _live.GetValueOrDefault(uid);
}
