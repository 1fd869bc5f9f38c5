using System.Globalization;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using AkoActors.Simulation.Waiting;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>ingress-join</c>: N Ingresses realised by one replica, then more replicas join, so Ingress and shared VS
/// shards move to them with nothing changed in the cluster. Must hold: no Avi write, and every Ingress keeps every host
/// in its status. Reports Ingress status writes and statuses that lost hosts, after the shards settled and (with a short
/// --full-sync-s) after further sweeps.</summary>
public static class IngressJoinScenario
{
    public const string Name = "ingress-join";

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        var result = new RunResult(Name);
        await world.StartReplicasAsync(1, p.Timeout);
        await Kit.WaitSettledAsync(world, TimeSpan.FromSeconds(1), p.Timeout);
        await IngressKit.CreateBackendsAsync(world, p);
        var ingresses = IngressKit.Burst(p.Ingresses, p.Backends);
        world.Progress.Say($"populating with one replica: {ingresses.Count} Ingresses");
        await IngressKit.CreateIngressesAsync(world, ingresses, p);
        await IngressKit.WaitForStatusesAsync(world, ingresses, p.Timeout, "populating");
        await world.WaitQuietAsync(TimeSpan.FromSeconds(2), p.Timeout);

        var writesMark = world.Ingresses.Writes;
        var auditMark = world.Audit.TotalRecorded;
        var requestMark = world.Avi.Simulator.Stats.Requests;
        var historyMark = ingresses.ToDictionary(i => i.Name, i => world.Ingresses.History(i.Name).Count, StringComparer.Ordinal);
        var joining = Math.Max(1, p.Replicas - 1);
        world.Progress.Say($"every Ingress has its status; {joining} more replica(s) join");
        var ready = await world.StartReplicasAsync(joining, p.Timeout);
        result.Add("joining replicas started → ready", ready.TotalSeconds, "s");
        var settle = p.ShardSettle > TimeSpan.Zero ? p.ShardSettle : TimeSpan.FromSeconds(5);
        var rebalances = await world.WaitShardsSettledAsync(settle, p.Timeout);
        await world.WaitQuietAsync(TimeSpan.FromSeconds(3), p.Timeout);
        world.Progress.Say($"shards settled after {rebalances} rebalance(s)");

        int Missing() => ingresses.Count(i => (world.Ingresses.Latest(i.Name)?.Hosts.Count ?? 0) < i.Hosts.Count ||
                                              world.Ingresses.Latest(i.Name)!.Hosts.Any(h => string.IsNullOrEmpty(h.Value)));
        var lost = ingresses.Where(i => world.Ingresses.History(i.Name).Skip(historyMark[i.Name]).Any(h => h.Hosts.Count < i.Hosts.Count)).ToList();
        var missing = Missing();
        result.Add("shard rebalances after the join", rebalances, "rebalances");
        result.Add("Ingress writes after the join (nothing changed)", world.Ingresses.Writes - writesMark, "writes", 0);
        result.Add("Ingresses whose status lost hosts at some point after the join", lost.Count, "Ingresses", 0);
        result.Add("Ingresses missing hosts in their status once the shards settled", missing, "Ingresses", 0);
        result.Add("Avi requests after the join (reads by moved owners)", world.Avi.Simulator.Stats.Requests - requestMark, "calls");
        var aviWrites = world.Audit.TotalRecorded - auditMark;
        result.Add("Avi writes after the join", aviWrites, "calls", 0);
        if (p.FullSyncSeconds is { } fullSync && fullSync <= 120)
        {
            var sweeps = await world.SumAsync("ako_sweeps_total", ("result", "ok"));
            world.Progress.Say($"waiting for 3 more sweeps (fullSyncFrequency {fullSync} s)");
            await Poll.UntilAsync(async () => await world.SumAsync("ako_sweeps_total", ("result", "ok")) >= sweeps + 3, "three more sweeps",
                p.Timeout, TimeSpan.FromMilliseconds(500));
            await world.WaitQuietAsync(TimeSpan.FromSeconds(3), p.Timeout);
            missing = Missing();
            result.Add("Ingresses missing hosts in their status after 3 more sweeps", missing, "Ingresses", 0);
        }
        result.Require("Ingresses missing hosts in their status at the end", missing, 0);
        result.Require("Avi writes after the join", aviWrites, 0);
        foreach (var ingress in lost.Take(5))
        {
            result.Notes.Add($"{ingress.Name} status history: " + string.Join(" → ", world.Ingresses.History(ingress.Name).Select(h =>
                string.Create(CultureInfo.InvariantCulture, $"{h.Time:HH:mm:ss.fff} [{string.Join(", ", h.Hosts.Select(kv => $"{kv.Key.Split('.')[0]}={kv.Value}"))}]"))));
        }
        Kit.AddMemory(result, world);
        return result;
    }
}
