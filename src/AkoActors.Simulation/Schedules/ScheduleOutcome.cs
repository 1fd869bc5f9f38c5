namespace AkoActors.Simulation.Schedules;

/// <summary>What a schedule run did: the steps with the time each was applied, the run's length, and how long the
/// controller took to converge after the last fault.</summary>
public sealed record ScheduleOutcome(FaultSchedule Schedule, IReadOnlyList<(TimeSpan At, FaultStep Step)> Applied, TimeSpan Took, TimeSpan ConvergedAfterLastFault);
