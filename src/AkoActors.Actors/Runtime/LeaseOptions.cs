namespace AkoActors.Actors.Runtime;

/// <summary>Timings of the cluster Lease.</summary>
public sealed record LeaseOptions
{
    /// <summary>How often the oldest member renews and every member reads.</summary>
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a renewal holds: long enough to ride out a renewing member's failover (detection and removal take
    /// under 8 s), short enough that a second cluster waits only this long after the first is gone.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Members stop writing this long before the Lease they last confirmed would expire (clock skew, a slow write).</summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(3);
}
