using System.Diagnostics;

namespace AkoActors.Simulation.Schedules;

/// <summary>Drives a <see cref="FaultSchedule"/> through a simulation, step by step, then brings every replica back, clears
/// every fault and waits for convergence within the bound, checking every invariant. Returns what was applied and when.</summary>
public static class ScheduleRunner
{
    public static async Task<ScheduleOutcome> RunAsync(Simulation sim, FaultSchedule schedule, TimeSpan finalBound)
    {
        var problems = schedule.Steps.SelectMany((s, i) => s.Problems(sim.Replicas.Count).Select(p => $"step {i + 1}: {p}")).ToList();
        if (problems.Count > 0) throw new ArgumentException($"schedule '{schedule.Name}' does not fit this simulation: {string.Join("; ", problems)}");
        var applied = new List<(TimeSpan At, FaultStep Step)>();
        var clock = Stopwatch.StartNew();
        sim.Say($"schedule '{schedule.Name}': {string.Join(" → ", schedule.Steps)}");
        foreach (var step in schedule.Steps)
        {
            applied.Add((clock.Elapsed, step));
            await ApplyAsync(sim, step);
        }
        // After the last fault: partitions run their course, then every replica back, a healthy controller, the bound.
        await sim.TimedPartitionsEnded();
        sim.AviFaults.Clear();
        sim.Heal();
        foreach (var replica in sim.Replicas.Where(r => !r.IsRunning)) await sim.RestartReplica(replica.Slot, finalBound);
        await sim.ReplicasReady(finalBound);
        var converged = await sim.ConvergedWithin(finalBound);
        sim.Say($"schedule '{schedule.Name}' done in {clock.Elapsed.TotalSeconds:0.0}s; converged {converged.TotalSeconds:0.0}s after the last fault, every invariant holds");
        return new ScheduleOutcome(schedule, applied, clock.Elapsed, converged);
    }

    private static async Task ApplyAsync(Simulation sim, FaultStep step)
    {
        switch (step.Fault)
        {
            case FaultKind.Kill:
                await sim.KillReplica(step.Replica!.Value);
                break;
            case FaultKind.Stop:
                await sim.StopReplica(step.Replica!.Value);
                break;
            case FaultKind.Restart:
                await sim.RestartReplica(step.Replica!.Value);
                break;
            case FaultKind.Partition:
                await sim.Partition(step.Replica!.Value, step.Seconds is { } s ? TimeSpan.FromSeconds(s) : null);
                break;
            case FaultKind.Heal:
                sim.Heal(step.Replica);
                break;
            case FaultKind.AviLatency:
                sim.AviFaults.Latency(TimeSpan.FromMilliseconds(step.P50Ms!.Value), TimeSpan.FromMilliseconds(step.P99Ms!.Value));
                break;
            case FaultKind.AviErrors:
                sim.AviFaults.Errors(step.Method ?? "*", step.Type ?? "*", step.Rate!.Value, step.Status ?? 503);
                break;
            case FaultKind.AviOutage:
                sim.AviFaults.Outage();
                // The outage's length is the fault itself, not a wait for a condition.
                await Task.Delay(TimeSpan.FromSeconds(step.Seconds!.Value));
                sim.AviFaults.Up();
                break;
            case FaultKind.AviSessionExpiry:
                sim.AviFaults.ExpireSessions(step.Status ?? 401);
                break;
            case FaultKind.AviConcurrency:
                sim.AviFaults.ConcurrencyCap(step.Requests!.Value);
                break;
            case FaultKind.AviClear:
                sim.AviFaults.Clear();
                break;
            case FaultKind.WatchCut:
                await sim.KubeFaults.WatchingAgainAsync(sim.Running.Count(), sim.Options.ReplicaCount, TimeSpan.FromSeconds(30));
                sim.KubeFaults.CutWatches();
                break;
            case FaultKind.WatchGone:
                await sim.KubeFaults.WatchingAgainAsync(sim.Running.Count(), sim.Options.ReplicaCount, TimeSpan.FromSeconds(30));
                await sim.KubeFaults.ExpireWatchesAsync(sim.Client);
                break;
            case FaultKind.Churn when step.Seconds is { } over:
                await PacedChurnAsync(sim, step.Changes ?? 0, step.Nodes ?? 0, TimeSpan.FromSeconds(over));
                break;
            case FaultKind.Churn:
                await sim.Workload.ChangeEndpointsAsync(step.Changes ?? 0);
                await sim.Workload.ChangeNodesAsync(step.Nodes ?? 0);
                break;
            case FaultKind.Converge:
                await sim.ConvergedWithin(TimeSpan.FromSeconds(step.Seconds ?? 120));
                break;
            default:
                throw new ArgumentException($"unknown fault '{step.Fault}'");
        }
    }

    /// <summary>Churn at a steady rate: the endpoint and node changes in one batch a second, each spread evenly, for <paramref name="over"/>. The pace
    /// is the fault itself (as an outage's length is), so it runs on the real clock; a batch that takes longer than its
    /// second is not made up for later.</summary>
    private static async Task PacedChurnAsync(Simulation sim, int changes, int nodes, TimeSpan over)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(over.TotalSeconds));
        var clock = Stopwatch.StartNew();
        var made = 0;
        var nodesMade = 0;
        for (var second = 1; second <= seconds; second++)
        {
            var due = (int)((long)changes * second / seconds) - made;
            if (due > 0) await sim.Workload.ChangeEndpointsAsync(due);
            made += Math.Max(0, due);
            var nodesDue = (int)((long)nodes * second / seconds) - nodesMade;
            if (nodesDue > 0) await sim.Workload.ChangeNodesAsync(nodesDue);
            nodesMade += Math.Max(0, nodesDue);
            var next = TimeSpan.FromSeconds(second) - clock.Elapsed;
            if (next > TimeSpan.Zero) await Task.Delay(next);
        }
    }
}
