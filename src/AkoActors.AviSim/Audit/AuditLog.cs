namespace AkoActors.AviSim.Audit;

/// <summary>The ordered record of every write request the controller answered (including refused and
/// fault-injected ones), bounded so a long benchmark cannot exhaust memory.</summary>
public sealed class AuditLog
{
    private readonly Lock _gate = new();
    private readonly LinkedList<AuditEntry> _entries = new();
    private readonly int _capacity;
    private long _sequence;

    internal AuditLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Entries recorded since start or the last <see cref="Clear"/>, including any dropped for capacity.</summary>
    public long TotalRecorded
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>Every retained entry, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Entries => Since(0);

    /// <summary>Entries with <see cref="AuditEntry.Sequence"/> greater than <paramref name="sequence"/>.</summary>
    public IReadOnlyList<AuditEntry> Since(long sequence)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Sequence > sequence).ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _sequence = 0;
        }
    }

    internal AuditEntry Record(Func<long, AuditEntry> create)
    {
        lock (_gate)
        {
            var entry = create(++_sequence);
            _entries.AddLast(entry);
            if (_entries.Count > _capacity)
            {
                _entries.RemoveFirst();
            }
            return entry;
        }
    }
}
