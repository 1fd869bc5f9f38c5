namespace AkoActors.Simulation.Reporting;

/// <summary>What a run report shows: a summary (name → value, in order), the sampled timeline, the faults applied (time
/// since start, what), the change latencies (endpoint changes; node changes when the run made any), Avi calls per method and
/// type, and the invariant violations.</summary>
public sealed record RunReport(
    string Title,
    IReadOnlyList<(string Name, string Value)> Summary,
    IReadOnlyList<TimelineSample> Timeline,
    IReadOnlyList<(TimeSpan At, string Label)> Faults,
    ChangeLatencies Latencies,
    IReadOnlyDictionary<string, long> AviCalls,
    IReadOnlyList<string> Violations,
    ChangeLatencies? NodeLatencies = null);
