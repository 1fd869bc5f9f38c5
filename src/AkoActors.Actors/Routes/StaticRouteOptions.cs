namespace AkoActors.Actors.Routes;

/// <summary>How the VRF owner batches node reports into writes, and how long it waits for nodes it has not heard from.</summary>
public sealed record StaticRouteOptions
{
    /// <summary>A write waits until no report arrived for this long, so a burst (200 nodes joining) becomes one PUT.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>...but never longer than this after the first unwritten change, so a steady trickle still lands.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for every known node to report before writing with a partial picture (holding, never
    /// deleting, routes of nodes not heard from).</summary>
    public TimeSpan ReportWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often nodes that have not reported (or that this replica no longer sees) are asked again.</summary>
    public TimeSpan Reask { get; init; } = TimeSpan.FromSeconds(3);

    public static StaticRouteOptions Default { get; } = new();

    /// <summary>When a burst of changes that began at <paramref name="pendingSince"/> and last grew at <paramref name="lastChange"/>
    /// may be written: a settle after its last change, but no later than <see cref="MaxDelay"/> after its first.</summary>
    public DateTimeOffset SettledAt(DateTimeOffset pendingSince, DateTimeOffset lastChange)
    {
        var quiet = lastChange + Settle;
        var bound = pendingSince + MaxDelay;
        return quiet < bound ? quiet : bound;
    }

    /// <summary>Until when the owner waits for nodes it has not heard from, having missed some since <paramref name="incompleteSince"/>.</summary>
    public DateTimeOffset ReportsAwaitedUntil(DateTimeOffset incompleteSince) => incompleteSince + ReportWait;

    /// <summary>When nodes that have not reported are asked again, having last been asked at <paramref name="lastAsk"/>.</summary>
    public DateTimeOffset NextAsk(DateTimeOffset lastAsk) => lastAsk + Reask;
}
