using System.Collections.Concurrent;

namespace AkoActors.AviSim.Store;

/// <summary>The in-memory object database: every version of every object, indexed by uuid, type,
/// (tenant, type, name), (type, created_by) and reverse references, so filtered lists and delete checks
/// stay fast at tens of thousands of objects.</summary>
/// <remarks>Not internally synchronised: callers hold <see cref="Gate"/> across a whole read or write so
/// that multi-object rules (IPAM, integrity, name uniqueness) see one consistent state.</remarks>
internal sealed class ObjectStore
{
    private readonly Dictionary<string, StoredObject> _byUuid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<long, StoredObject>> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<NameKey, List<StoredObject>> _byName = new();
    private readonly Dictionary<CreatedByKey, SortedDictionary<long, StoredObject>> _byCreatedBy = new();
    private readonly Dictionary<string, HashSet<string>> _referrers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    private long _sequence;

    public Lock Gate { get; } = new();

    public int Count => _byUuid.Count;

    public long NextSequence() => ++_sequence;

    public bool TryGet(string uuid, out StoredObject stored) => _byUuid.TryGetValue(uuid, out stored!);

    /// <summary>The name of any object by uuid, safe to call without the gate (used to render <c>#name</c>).</summary>
    public string? NameOf(string uuid) => _names.TryGetValue(uuid, out var name) ? name : null;

    public IReadOnlyList<StoredObject> FindByName(string tenantUuid, string typeName, string name) =>
        _byName.TryGetValue(new NameKey(tenantUuid, typeName, name), out var list) ? list : [];

    public IEnumerable<StoredObject> OfType(string typeName) =>
        _byType.TryGetValue(typeName, out var all) ? all.Values : [];

    public int CountOfType(string typeName) => _byType.TryGetValue(typeName, out var all) ? all.Count : 0;

    public IEnumerable<StoredObject> CreatedBy(string typeName, string createdBy) =>
        _byCreatedBy.TryGetValue(new CreatedByKey(typeName, createdBy), out var all) ? all.Values : [];

    /// <summary>Uuids of the objects that refer to <paramref name="uuid"/>.</summary>
    public IReadOnlyCollection<string> ReferrersOf(string uuid) =>
        _referrers.TryGetValue(uuid, out var set) ? set : [];

    public IEnumerable<StoredObject> All => _byUuid.Values.OrderBy(o => o.Sequence);

    /// <summary>Inserts a new object or replaces the version with the same uuid, moving every index.</summary>
    public void Put(StoredObject next)
    {
        if (_byUuid.TryGetValue(next.Uuid, out var previous))
        {
            Unindex(previous);
        }
        _byUuid[next.Uuid] = next;
        if (!_byType.TryGetValue(next.Type.Name, out var ofType))
        {
            ofType = new SortedDictionary<long, StoredObject>();
            _byType[next.Type.Name] = ofType;
        }
        ofType[next.Sequence] = next;
        var nameKey = new NameKey(next.TenantUuid, next.Type.Name, next.Name);
        if (!_byName.TryGetValue(nameKey, out var named))
        {
            named = [];
            _byName[nameKey] = named;
        }
        named.Add(next);
        if (next.CreatedBy is not null)
        {
            var key = new CreatedByKey(next.Type.Name, next.CreatedBy);
            if (!_byCreatedBy.TryGetValue(key, out var created))
            {
                created = new SortedDictionary<long, StoredObject>();
                _byCreatedBy[key] = created;
            }
            created[next.Sequence] = next;
        }
        foreach (var target in next.References)
        {
            if (!_referrers.TryGetValue(target, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                _referrers[target] = set;
            }
            set.Add(next.Uuid);
        }
        _names[next.Uuid] = next.Name;
    }

    public bool Remove(string uuid)
    {
        if (!_byUuid.Remove(uuid, out var previous))
        {
            return false;
        }
        Unindex(previous);
        _names.TryRemove(uuid, out _);
        return true;
    }

    public void Clear()
    {
        _byUuid.Clear();
        _byType.Clear();
        _byName.Clear();
        _byCreatedBy.Clear();
        _referrers.Clear();
        _names.Clear();
    }

    private void Unindex(StoredObject previous)
    {
        if (_byType.TryGetValue(previous.Type.Name, out var ofType))
        {
            ofType.Remove(previous.Sequence);
        }
        var nameKey = new NameKey(previous.TenantUuid, previous.Type.Name, previous.Name);
        if (_byName.TryGetValue(nameKey, out var named))
        {
            named.RemoveAll(o => o.Uuid == previous.Uuid);
            if (named.Count == 0)
            {
                _byName.Remove(nameKey);
            }
        }
        if (previous.CreatedBy is not null &&
            _byCreatedBy.TryGetValue(new CreatedByKey(previous.Type.Name, previous.CreatedBy), out var created))
        {
            created.Remove(previous.Sequence);
        }
        foreach (var target in previous.References)
        {
            if (_referrers.TryGetValue(target, out var set))
            {
                set.Remove(previous.Uuid);
                if (set.Count == 0)
                {
                    _referrers.Remove(target);
                }
            }
        }
    }

    private readonly record struct NameKey(string Tenant, string Type, string Name);

    private readonly record struct CreatedByKey(string Type, string CreatedBy);
}
