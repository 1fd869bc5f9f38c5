using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>restart</c>: N Services realised; every replica stopped (SIGTERM), then started again with nothing changed:
/// time to ready, time until every Service's owner has reconciled, Avi reads, and Avi writes and status writes (both must
/// be 0).</summary>
public static class RestartScenario
{
    public const string Name = "restart";

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        var result = new RunResult(Name);
        await world.StartReplicasAsync(p.Replicas, p.Timeout);
        await Kit.WaitSettledAsync(world, TimeSpan.FromSeconds(1), p.Timeout);
        var services = Enumerable.Range(0, p.Services).Select(Workload.ServiceName).ToList();
        world.Progress.Say($"populating {services.Count} Services");
        await Kit.PopulateAsync(world, services, p);
        await world.WaitQuietAsync(TimeSpan.FromSeconds(2), p.Timeout);
        Kit.AddMemory(result, world);
        var peakBefore = result.Figures.LastOrDefault()?.Value;
        result.Figures.Clear();

        world.Progress.Say("stopping every replica (SIGTERM)");
        var stopping = DateTimeOffset.UtcNow;
        await Task.WhenAll(world.Running.ToList().Select(r => r.StopAsync(TimeSpan.FromSeconds(120))));
        result.Add("all replicas stopped (SIGTERM → exit)", (DateTimeOffset.UtcNow - stopping).TotalSeconds, "s");

        var auditMark = world.Audit.TotalRecorded;
        var requestMark = world.Avi.Simulator.Stats.Requests;
        var serviceWritesMark = world.Statuses.Writes;
        world.Progress.Say($"starting {p.Replicas} replica(s) again, nothing changed");
        var start = DateTimeOffset.UtcNow;
        await world.StartReplicasAsync(p.Replicas, p.Timeout);
        var readyAt = DateTimeOffset.UtcNow;

        // Converged: every Service has an owner that has reconciled it, and a sweep has run; then quiet.
        DateTimeOffset? convergedAt = null;
        await Poll.UntilAsync(async () =>
        {
            var scrapes = await world.ScrapeAsync();
            var owned = scrapes.Values.Sum(s => s.Sum("ako_owned_entities", ("kind", Kit.ServiceKind)));
            var converged = scrapes.Values.Sum(s => s.Sum("ako_reconciles_total", ("kind", Kit.ServiceKind), ("result", "converged")));
            var swept = scrapes.Values.Sum(s => s.Sum("ako_sweeps_total", ("result", "ok")));
            if (owned >= services.Count && converged >= services.Count && swept >= 1) convergedAt ??= DateTimeOffset.UtcNow;
            return convergedAt is not null;
        }, "every Service to be owned and reconciled after the restart", p.Timeout, TimeSpan.FromMilliseconds(100));
        await world.WaitQuietAsync(TimeSpan.FromSeconds(2), p.Timeout);

        var writes = world.Audit.Since(auditMark);
        var requests = world.Avi.Simulator.Stats.Requests - requestMark;
        var calls = Kit.CallsDelta([], await world.ScrapeAsync());
        var reads = Kit.Reads(calls);
        var statusWrites = world.Statuses.Writes - serviceWritesMark;

        result.Add("start → all replicas ready (/readyz)", (readyAt - start).TotalSeconds, "s");
        result.Add("start → every Service owned and reconciled", (convergedAt!.Value - start).TotalSeconds, "s", p.FloorSeconds(reads),
            "floor = reads made × latency ÷ cap (no write is needed)");
        result.Add("Avi writes", writes.Count, "calls", 0);
        result.Add("Service status writes", statusWrites, "writes", 0);
        result.Add("Avi reads (replica metrics)", reads, "calls");
        result.Add("Avi reads per Service", reads / services.Count, "calls");
        result.Add("Avi requests (AviSim, incl. logins)", requests, "calls");
        result.Require("Avi writes after a restart with nothing changed", writes.Count, 0);
        result.Require("Service status writes after a restart with nothing changed", statusWrites, 0);
        result.Details["aviCallsByReplicaMetrics"] = Kit.ToJson(calls);
        result.Details["aviWritesByKind"] = Kit.ToJson(Kit.WritesByKind(writes));
        if (peakBefore is { } peak) result.Details["peakResidentMiBBeforeRestart"] = Math.Round(peak, 1);
        Kit.AddMemory(result, world);
        return result;
    }
}
