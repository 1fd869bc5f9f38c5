using System.Collections.Immutable;
using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Registry;

/// <summary>
/// Keeps the collections that paged lists started from, so every page of one list is served from the same consistent
/// state (as etcd serves continuations at the first page's revision); entries expire like etcd compaction would.
/// </summary>
internal sealed class ListSnapshotCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Storage, long Version), (ImmutableSortedDictionary<string, StoredObject> Items, long Ticks)> _entries = new();
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;
    private readonly int _capacity;

    public ListSnapshotCache(TimeProvider clock, TimeSpan lifetime, int capacity)
    {
        _clock = clock;
        _lifetime = lifetime;
        _capacity = capacity;
    }

    public void Remember(string storage, long version, ImmutableSortedDictionary<string, StoredObject> items)
    {
        lock (_gate)
        {
            Evict();
            if (_entries.Count >= _capacity)
            {
                var oldest = _entries.MinBy(e => e.Value.Ticks).Key;
                _entries.Remove(oldest);
            }
            _entries[(storage, version)] = (items, _clock.GetTimestamp());
        }
    }

    public ImmutableSortedDictionary<string, StoredObject>? Find(string storage, long version)
    {
        lock (_gate)
        {
            Evict();
            return _entries.TryGetValue((storage, version), out var entry) ? entry.Items : null;
        }
    }

    private void Evict()
    {
        var now = _clock.GetTimestamp();
        foreach (var key in _entries.Where(e => _clock.GetElapsedTime(e.Value.Ticks, now) > _lifetime).Select(e => e.Key).ToList())
        {
            _entries.Remove(key);
        }
    }
}
