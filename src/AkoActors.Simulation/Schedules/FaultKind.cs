namespace AkoActors.Simulation.Schedules;

/// <summary>The faults a schedule can name, as written in a schedule file (<c>"fault": "kill"</c>).</summary>
public static class FaultKind
{
    public const string Kill = "kill";
    public const string Stop = "stop";
    public const string Restart = "restart";
    public const string Partition = "partition";
    public const string Heal = "heal";
    public const string AviLatency = "avi-latency";
    public const string AviErrors = "avi-errors";
    public const string AviOutage = "avi-outage";
    public const string AviSessionExpiry = "avi-session-expiry";
    public const string AviConcurrency = "avi-concurrency";
    public const string AviClear = "avi-clear";
    public const string WatchCut = "watch-cut";
    public const string WatchGone = "watch-gone";
    public const string Churn = "churn";
    public const string Converge = "converge";

    /// <summary>Every kind that is a fault (not a workload change, a repair or a wait).</summary>
    public static IReadOnlyList<string> Faults { get; } =
        [Kill, Stop, Partition, AviLatency, AviErrors, AviOutage, AviSessionExpiry, AviConcurrency, WatchCut, WatchGone];

    public static IReadOnlyList<string> All { get; } =
        [Kill, Stop, Restart, Partition, Heal, AviLatency, AviErrors, AviOutage, AviSessionExpiry, AviConcurrency, AviClear, WatchCut, WatchGone, Churn, Converge];
}
