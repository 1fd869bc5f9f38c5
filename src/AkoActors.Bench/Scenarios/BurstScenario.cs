using System.Collections.Concurrent;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using k8s;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>burst</c>: N LoadBalancer Services created at once through the API (their EndpointSlices exist already, as
/// for Deployments that are exposed): time until every status carries a VIP, Avi calls in total and per Service, and peak
/// memory per replica.</summary>
public static class BurstScenario
{
    public const string Name = "burst";

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        var result = new RunResult(Name);
        var ready = await world.StartReplicasAsync(p.Replicas, p.Timeout);
        result.Add("replicas started → all ready", ready.TotalSeconds, "s");
        await Kit.WaitSettledAsync(world, TimeSpan.FromSeconds(1), p.Timeout);

        var services = Enumerable.Range(0, p.Services).Select(Workload.ServiceName).ToList();
        world.Progress.Say($"creating {services.Count} EndpointSlices ({p.Endpoints} endpoints each) before the burst");
        await Kit.CreateSlicesAsync(world, services, p);
        await world.WaitQuietAsync(TimeSpan.FromSeconds(1), p.Timeout);

        var auditMark = world.Audit.TotalRecorded;
        var requestMark = world.Avi.Simulator.Stats.Requests;
        var serviceWritesMark = world.Statuses.Writes;
        var metricsBefore = await world.ScrapeAsync();
        world.Progress.Say($"burst: creating {services.Count} LoadBalancer Services, {p.ClientParallelism} at a time");
        var acknowledged = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var start = DateTimeOffset.UtcNow;
        await world.CreateAllAsync(services, async s =>
        {
            await world.Client.CoreV1.CreateNamespacedServiceAsync(Workload.LoadBalancerService(s), Workload.Namespace);
            acknowledged[s] = DateTimeOffset.UtcNow;
        }, p.ClientParallelism);
        var allCreated = DateTimeOffset.UtcNow;
        world.Progress.Say($"all {services.Count} Services acknowledged by the API in {(allCreated - start).TotalSeconds:0.0}s");
        await Kit.WaitForStatusesAsync(world, services, p.Timeout, "burst");
        var lastStatus = services.Max(s => world.Statuses.FirstStatus(s)!.Time);
        await world.WaitQuietAsync(TimeSpan.FromSeconds(1), p.Timeout);

        var writes = world.Audit.Since(auditMark);
        var requests = world.Avi.Simulator.Stats.Requests - requestMark;
        var calls = Kit.CallsDelta(metricsBefore, await world.ScrapeAsync());
        var lastWrite = writes.Count == 0 ? start : writes.Max(e => e.Time);
        var minimumWrites = Workload.WritesPerNewService * services.Count;
        var floor = p.FloorSeconds(minimumWrites);

        result.Add("burst start → all statuses set", (lastStatus - start).TotalSeconds, "s", floor,
            $"floor = {minimumWrites} writes × {p.LatencyMs:0} ms ÷ {p.EffectiveConcurrency}");
        var statusTimes = services.Select(s => world.Statuses.FirstStatus(s)!.Time).Order().ToList();
        result.Add("burst start → first status set", (statusTimes[0] - start).TotalSeconds, "s");
        result.Add("burst start → half the statuses set", (statusTimes[(statusTimes.Count - 1) / 2] - start).TotalSeconds, "s",
            note: "close to the total means every Service waits for the whole burst (requests served round robin)");
        result.Add("burst start → last Avi write", (lastWrite - start).TotalSeconds, "s", floor);
        result.Add("burst start → all Services acknowledged by the API", (allCreated - start).TotalSeconds, "s");
        result.Add("throughput (Services to status per second)", services.Count / (lastStatus - start).TotalSeconds, "Services/s",
            floor > 0 ? services.Count / floor : null, "ceiling from the floor");
        result.Add("Service create ack → its status", Distribution.Of(services.Select(s => Kit.Ms(world.Statuses.FirstStatus(s)!.Time - acknowledged[s]))), "ms");
        result.Add("Avi writes total", writes.Count, "calls", minimumWrites, "minimum: 4 POSTs per Service");
        result.Add("Avi writes per Service", (double)writes.Count / services.Count, "calls", Workload.WritesPerNewService);
        result.Add("Avi requests total (all, incl. reads and logins)", requests, "calls");
        result.Add("Avi requests per Service", (double)requests / services.Count, "calls");
        result.Add("floor counting every request made", p.FloorSeconds(requests), "s", note: "requests × latency ÷ cap: what the reads add to the floor");
        result.Add("Avi reads per Service (replica metrics)", Kit.Reads(calls) / services.Count, "calls");
        result.Add("failed Avi writes (status ≥ 300)", writes.Count(e => e.Status >= 300), "calls");
        result.Add("Service writes besides the creates (status patches)", world.Statuses.Writes - serviceWritesMark - services.Count, "writes",
            services.Count, "minimum: one status patch per Service");
        result.Add("AviSim peak requests in flight", world.Avi.Simulator.Stats.PeakInFlight, "requests");
        result.Details["aviWritesByKind"] = Kit.ToJson(Kit.WritesByKind(writes));
        result.Details["aviCallsByReplicaMetrics"] = Kit.ToJson(calls);
        result.Details["writesByReplica"] = Kit.ToJson(new SortedDictionary<string, double>(
            writes.GroupBy(e => e.Replica ?? "?").ToDictionary(g => g.Key, g => (double)g.Count()), StringComparer.Ordinal));
        Kit.AddMemory(result, world);
        return result;
    }
}
