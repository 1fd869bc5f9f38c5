namespace AkoActors.Actors.Routes;

/// <summary>The VRF owner's bookkeeping of one batch of unwritten changes: when it began and last grew (settling), since when
/// some node's report is missing (report wait), and when nodes were last asked (re-ask). No clock of its own: every question
/// takes "now", so the owner's windows are plain data.</summary>
public sealed class RouteBatch(StaticRouteOptions options)
{
    private DateTimeOffset? _pendingSince;
    private DateTimeOffset _lastChange;
    private DateTimeOffset? _changedSince;
    private DateTimeOffset? _incompleteSince;
    private DateTimeOffset _lastAsk = DateTimeOffset.MinValue;

    /// <summary>When nodes that have not reported will be asked again.</summary>
    public DateTimeOffset NextAsk => options.NextAsk(_lastAsk);

    /// <summary>A report, reconcile or resync changed what should be written.</summary>
    public void Changed(DateTimeOffset now)
    {
        _lastChange = now;
        _pendingSince ??= now;
        _changedSince ??= now;
    }

    public void Asked(DateTimeOffset now) => _lastAsk = now;

    /// <summary>Until when the batch is still growing (null once it has settled, or when nothing is pending).</summary>
    public DateTimeOffset? SettlingUntil(DateTimeOffset now) =>
        _pendingSince is { } since && options.SettledAt(since, _lastChange) is var due && now < due ? due : null;

    /// <summary>Notes whether every known node has reported; the report wait runs from the first look that found one missing.</summary>
    public void Heard(bool everyNode, DateTimeOffset now)
    {
        if (everyNode) _incompleteSince = null;
        else _incompleteSince ??= now;
    }

    /// <summary>Until when missing reports are still awaited (null when none is missing or the wait is over).</summary>
    public DateTimeOffset? AwaitingReportsUntil(DateTimeOffset now) =>
        _incompleteSince is { } since && options.ReportsAwaitedUntil(since) is var until && now < until ? until : null;

    /// <summary>The batch went into a write, or will not be written (sync off, refused before): nothing pending.</summary>
    public void Taken() => _pendingSince = null;

    /// <summary>The write failed: the next attempt is pending again (merged afresh from the newest reports).</summary>
    public void Retry(DateTimeOffset now) => _pendingSince ??= now;

    /// <summary>The VRF holds what the reports ask for; returns how long since the first change of this batch.</summary>
    public TimeSpan Converged(DateTimeOffset now)
    {
        _pendingSince = null;
        var latency = _changedSince is { } since ? now - since : TimeSpan.Zero;
        _changedSince = null;
        return latency;
    }
}
