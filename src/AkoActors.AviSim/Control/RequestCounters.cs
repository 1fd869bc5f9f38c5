using System.Collections.Concurrent;

namespace AkoActors.AviSim.Control;

/// <summary>Thread-safe tallies of answered requests per status and per call (method and object type).</summary>
internal sealed class RequestCounters
{
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private readonly ConcurrentDictionary<string, long> _byCall = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public IReadOnlyDictionary<int, long> ByStatus => new SortedDictionary<int, long>(_byStatus);

    /// <summary>Answered requests per <c>"&lt;METHOD&gt; &lt;type&gt;"</c> (<c>GET pool</c>, <c>POST login</c>).</summary>
    public IReadOnlyDictionary<string, long> ByCall => new SortedDictionary<string, long>(_byCall, StringComparer.Ordinal);

    public void Count(int status, string call)
    {
        Interlocked.Increment(ref _total);
        _byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        _byCall.AddOrUpdate(call, 1, (_, n) => n + 1);
    }

    public void Clear()
    {
        _byStatus.Clear();
        _byCall.Clear();
        Interlocked.Exchange(ref _total, 0);
    }
}
