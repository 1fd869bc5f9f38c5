using System.Collections.Concurrent;

namespace AkoActors.Kubernetes.Cache;

/// <summary>A thread-safe map of snapshots that reports which keys actually changed, so identical re-deliveries cost nothing.</summary>
public sealed class SnapshotStore<TKey, TSnapshot>
    where TKey : notnull
    where TSnapshot : class
{
    private readonly ConcurrentDictionary<TKey, TSnapshot> _items = new();
    private readonly object _replaceLock = new();

    public int Count => _items.Count;

    public TSnapshot? Get(TKey key) => _items.TryGetValue(key, out var value) ? value : null;

    public IReadOnlyList<TSnapshot> Values() => _items.Values.ToList();

    public IReadOnlyList<TKey> Keys() => _items.Keys.ToList();

    /// <summary>Stores the snapshot; true when it differs from what was there.</summary>
    public bool Upsert(TKey key, TSnapshot snapshot)
    {
        var changed = true;
        _items.AddOrUpdate(key, snapshot, (_, old) =>
        {
            changed = !Equals(old, snapshot);
            return snapshot;
        });
        return changed;
    }

    /// <summary>Removes the key; true when it was present.</summary>
    public bool Remove(TKey key) => _items.TryRemove(key, out _);

    /// <summary>Makes the store hold exactly <paramref name="items"/> and returns every key that was added, changed or removed.</summary>
    public List<TKey> Replace(IEnumerable<KeyValuePair<TKey, TSnapshot>> items)
    {
        lock (_replaceLock)
        {
            var changed = new List<TKey>();
            var seen = new HashSet<TKey>();
            foreach (var (key, snapshot) in items)
            {
                seen.Add(key);
                if (Upsert(key, snapshot)) changed.Add(key);
            }
            foreach (var key in _items.Keys)
            {
                if (!seen.Contains(key) && _items.TryRemove(key, out _)) changed.Add(key);
            }
            return changed;
        }
    }
}
