using System.Collections.Concurrent;

namespace AkoActors.AviSim.Control;

/// <summary>Thread-safe tallies of answered requests per status.</summary>
internal sealed class RequestCounters
{
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public IReadOnlyDictionary<int, long> ByStatus => new SortedDictionary<int, long>(_byStatus);

    public void Count(int status)
    {
        Interlocked.Increment(ref _total);
        _byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    public void Clear()
    {
        _byStatus.Clear();
        Interlocked.Exchange(ref _total, 0);
    }
}
