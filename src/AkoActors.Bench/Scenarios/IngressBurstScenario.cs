using System.Collections.Concurrent;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using AkoActors.Simulation.Waiting;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>ingress-burst</c>: M Ingresses (1-3 hosts each) created at once through the API, their K backend ClusterIP
/// Services and EndpointSlices created before: time until every host of every Ingress shows its shard VS's VIP, Avi calls
/// in total and by type, writes per shared VS against the Ingresses on it (coalescing), and peak memory per replica.</summary>
public static class IngressBurstScenario
{
    public const string Name = "ingress-burst";

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        var result = new RunResult(Name);
        await IngressKit.StartWithBackendsAsync(world, p, result);
        await world.WaitQuietAsync(TimeSpan.FromSeconds(1), p.Timeout);

        var ingresses = IngressKit.Burst(p.Ingresses, p.Backends);
        var hosts = ingresses.Sum(i => i.Hosts.Count);
        var auditMark = world.Audit.TotalRecorded;
        var requestMark = world.Avi.Simulator.Stats.Requests;
        var ingressWritesMark = world.Ingresses.Writes;
        var metricsBefore = await world.ScrapeAsync();
        var rebalanceMark = world.RebalancesLogged();
        world.Progress.Say($"burst: creating {ingresses.Count} Ingresses ({hosts} hosts, shardVSSize {p.ShardSize}), {p.ClientParallelism} at a time");
        var acknowledged = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var start = DateTimeOffset.UtcNow;
        await IngressKit.CreateIngressesAsync(world, ingresses, p, acknowledged);
        var allCreated = DateTimeOffset.UtcNow;
        world.Progress.Say($"all {ingresses.Count} Ingresses acknowledged by the API in {(allCreated - start).TotalSeconds:0.0}s");
        await IngressKit.WaitForStatusesAsync(world, ingresses, p.Timeout, "ingress burst");
        var statusTimes = ingresses.Select(i => world.Ingresses.FirstComplete(i.Name)!.Time).Order().ToList();
        var lastStatus = statusTimes[^1];
        world.Progress.Say($"every Ingress shows its hosts {(lastStatus - start).TotalSeconds:0.0}s after the first create; waiting for quiet");
        await world.WaitQuietAsync(TimeSpan.FromSeconds(2), p.Timeout);

        var writes = world.Audit.Since(auditMark);
        var requests = world.Avi.Simulator.Stats.Requests - requestMark;
        var calls = Kit.CallsDelta(metricsBefore, await world.ScrapeAsync());
        var lastWrite = writes.Count == 0 ? start : writes.Max(e => e.Time);
        var minimumWrites = IngressKit.MinimumWrites(ingresses, p.ShardCount);
        var vsCount = IngressKit.SharedVses(ingresses, p.ShardCount).Count;
        var floor = p.FloorSeconds(minimumWrites);
        var floorNote = $"floor = ({hosts} pool POSTs + {vsCount} shared VSes × 3 POSTs (vsvip, policy set, VS)) = {minimumWrites} writes × {p.LatencyMs:0} ms ÷ {p.EffectiveConcurrency}";

        result.Add("burst start → every Ingress shows all its hosts with an address", (lastStatus - start).TotalSeconds, "s", floor, floorNote);
        result.Add("burst start → first Ingress complete", (statusTimes[0] - start).TotalSeconds, "s");
        result.Add("burst start → half the Ingresses complete", (statusTimes[(statusTimes.Count - 1) / 2] - start).TotalSeconds, "s");
        result.Add("burst start → last Avi write", (lastWrite - start).TotalSeconds, "s", floor);
        result.Add("burst start → all Ingresses acknowledged by the API", (allCreated - start).TotalSeconds, "s");
        result.Add("throughput (Ingresses complete per second)", ingresses.Count / (lastStatus - start).TotalSeconds, "Ingresses/s",
            floor > 0 ? ingresses.Count / floor : null, "ceiling from the floor");
        result.Add("Ingress create ack → all its hosts in its status", Distribution.Of(ingresses.Select(i => Kit.Ms(world.Ingresses.FirstComplete(i.Name)!.Time - acknowledged[i.Name]))), "ms");
        result.Add("Avi writes total", writes.Count, "calls", minimumWrites, "minimum: one POST per pool, 3 per shared VS");
        result.Add("Avi writes per host", (double)writes.Count / hosts, "calls", (double)minimumWrites / hosts);
        result.Add("Avi requests total (all, incl. reads and logins)", requests, "calls");
        result.Add("Avi requests per Ingress", (double)requests / ingresses.Count, "calls");
        result.Add("floor counting every request made", p.FloorSeconds(requests), "s", note: "requests × latency ÷ cap: what reads and extra writes add");
        result.Add("Avi reads (replica metrics)", Kit.Reads(calls), "calls");
        result.Add("failed Avi writes (status ≥ 300)", writes.Count(e => e.Status >= 300), "calls");
        var statusWrites = world.Ingresses.Writes - ingressWritesMark - ingresses.Count;
        result.Add("Ingress writes besides the creates (status patches)", statusWrites, "writes", ingresses.Count, "minimum: one status patch per Ingress");
        var partial = ingresses.Count(i => world.Ingresses.History(i.Name).Count(h => h.Hosts.Count > 0) > 1);
        result.Add("Ingresses whose status changed more than once", partial, "Ingresses",
            note: "a status set host by host (one patch per shard VS answering) shows partial statuses");
        if (p.Replicas > 1)
        {
            result.Add("shard rebalances started during the burst", world.RebalancesLogged() - rebalanceMark, "rebalances",
                note: "coordinator log lines \"Starting rebalance for shards\"");
        }
        result.Add("AviSim peak requests in flight", world.Avi.Simulator.Stats.PeakInFlight, "requests");
        IngressKit.AddWritesPerSharedVs(result, writes, ingresses, p.ShardCount);
        IngressKit.AddTimeline(result, start, writes, statusTimes);
        IngressKit.Verify(world, ingresses, p, result);

        var byKind = Kit.WritesByKind(writes);
        result.Notes.Add($"Avi writes by kind (audit): {IngressKit.Describe(byKind)}");
        result.Notes.Add($"Avi calls by kind (replica metrics): {IngressKit.Describe(calls)}");
        result.Details["aviWritesByKind"] = Kit.ToJson(byKind);
        result.Details["aviCallsByReplicaMetrics"] = Kit.ToJson(calls);
        result.Details["writesByReplica"] = Kit.ToJson(new SortedDictionary<string, double>(
            writes.GroupBy(e => e.Replica ?? "?").ToDictionary(g => g.Key, g => (double)g.Count()), StringComparer.Ordinal));
        Kit.AddMemory(result, world);
        return result;
    }
}
