namespace AkoActors.KubeSim.Store;

/// <summary>A fixed-size ring of the most recent writes, so watches can resume from a recent resourceVersion; older ones get 410 Expired.</summary>
internal sealed class EventHistory
{
    private readonly StoreEvent?[] _ring;
    private long _count;

    public EventHistory(int capacity)
    {
        _ring = new StoreEvent?[Math.Max(1, capacity)];
    }

    /// <summary>The oldest resourceVersion a watch may resume from (events after it are all retained).</summary>
    public long OldestResumableVersion(long currentVersion) =>
        _count == 0 ? currentVersion : Math.Max(0, Newest!.ResourceVersion - Math.Min(_count, _ring.Length));

    private StoreEvent? Newest => _count == 0 ? null : _ring[(_count - 1) % _ring.Length];

    /// <summary>Forgets every retained event (an etcd compaction): resuming from any earlier version is 410 Expired.</summary>
    public void Clear()
    {
        Array.Clear(_ring);
        _count = 0;
    }

    public void Add(StoreEvent e)
    {
        _ring[_count % _ring.Length] = e;
        _count++;
    }

    /// <summary>Retained events with a resourceVersion greater than <paramref name="after"/>, oldest first.</summary>
    public List<StoreEvent> Since(long after)
    {
        var result = new List<StoreEvent>();
        var retained = Math.Min(_count, _ring.Length);
        var first = _count - retained;
        // Every write adds exactly one event with the next resourceVersion, so the start is computed, not searched.
        if (Newest is not { } newest || after >= newest.ResourceVersion)
        {
            return result;
        }
        first = Math.Max(first, _count - (newest.ResourceVersion - after));
        for (var i = first; i < _count; i++)
        {
            var e = _ring[i % _ring.Length]!;
            if (e.ResourceVersion > after)
            {
                result.Add(e);
            }
        }
        return result;
    }
}
