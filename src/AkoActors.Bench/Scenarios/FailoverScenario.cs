using System.Text.Json.Nodes;
using AkoActors.AviSim.Audit;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using AkoActors.Simulation.Invariants;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>failover</c>: replicas (default 3) own N Services. (A) Nothing changing: SIGKILL the replica owning most
/// Services; its entities must move to the survivors without a single Avi or status write. A replacement replica joins
/// (shards rebalance to it, again without writes). (B) Under endpoint churn: SIGKILL the replica that last wrote most
/// pools; measure when the dead replica's Services are written again, the churn latency before and after, lost changes
/// (must be 0), writes that are not pool updates (must be 0) and interleaved writers per object (must be 0).</summary>
public static class FailoverScenario
{
    public const string Name = "failover";

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        if (p.Replicas < 2) throw new ArgumentException("failover needs at least 2 replicas (default 3)");
        var result = new RunResult(Name);
        var services = await Kit.StartPopulatedAsync(world, p);

        await QuietFailoverAsync(world, p, services, result);
        await ChurnDepartureAsync(world, p, services, result, Departure.Kill);
        Kit.AddMemory(result, world);
        return result;
    }

    /// <summary>(A) SIGKILL with nothing changing, then a replacement joins: no write may result from either.</summary>
    private static async Task QuietFailoverAsync(BenchWorld world, ScenarioParameters p, List<string> services, RunResult result)
    {
        var owned = await OwnedAsync(world);
        result.Details["ownedBeforeQuietKill"] = Kit.ToJson(new SortedDictionary<string, double>(owned, StringComparer.Ordinal));
        var victim = world.Running.OrderByDescending(r => owned.GetValueOrDefault(r.Id)).First();
        var auditMark = world.Audit.TotalRecorded;
        var serviceWritesMark = world.Statuses.Writes;
        var before = await world.ScrapeAsync();
        world.Progress.Say($"(A) nothing changing: SIGKILL {victim.Id}, which owns {owned.GetValueOrDefault(victim.Id)} Services");
        var killed = DateTimeOffset.UtcNow;
        await victim.KillAsync();
        var rehomed = await WaitOwnedAsync(world, services.Count, p.Timeout);
        await world.WaitQuietAsync(TimeSpan.FromSeconds(2), p.Timeout);
        var calls = Kit.CallsDelta(before, await world.ScrapeAsync());
        var writes = world.Audit.Since(auditMark).Count;
        var statusWrites = world.Statuses.Writes - serviceWritesMark;
        result.Add("(A) SIGKILL → survivors own every Service", (rehomed - killed).TotalSeconds, "s",
            note: $"{owned.GetValueOrDefault(victim.Id)} Services moved; includes failure detection and split-brain resolver stable-after");
        result.Add("(A) Avi writes caused by the failover (nothing drifted)", writes, "calls", 0);
        result.Add("(A) Service status writes caused by the failover", statusWrites, "writes", 0);
        result.Add("(A) Avi reads by the survivors after the kill", Kit.Reads(calls), "calls",
            note: $"{Kit.Reads(calls) / Math.Max(1, owned.GetValueOrDefault(victim.Id)):0.#} per moved Service");
        result.Require("(A) Avi writes caused by a failover when nothing drifted", writes, 0);
        result.Require("(A) status writes caused by a failover when nothing drifted", statusWrites, 0);
        result.Details["quietFailoverCalls"] = Kit.ToJson(calls);

        auditMark = world.Audit.TotalRecorded;
        serviceWritesMark = world.Statuses.Writes;
        world.Progress.Say("(A) starting a replacement replica; shards rebalance to it");
        var replacement = world.StartReplica();
        await world.WaitReadyAsync([replacement], p.Timeout);
        await Poll.UntilAsync(async () => (await OwnedAsync(world)).GetValueOrDefault(replacement.Id) > 0,
            $"{replacement.Id} to own Services after the rebalance", p.Timeout, TimeSpan.FromMilliseconds(200));
        await world.WaitQuietAsync(TimeSpan.FromSeconds(3), p.Timeout);
        var rebalanceWrites = world.Audit.Since(auditMark).Count + (world.Statuses.Writes - serviceWritesMark);
        var after = await OwnedAsync(world);
        result.Add("(A) writes caused by the rebalance to a new replica", rebalanceWrites, "writes", 0,
            $"owned after: {string.Join(", ", after.Select(kv => $"{kv.Key} {kv.Value}"))}");
        result.Require("(A) writes caused by a rebalance", rebalanceWrites, 0);
    }

    /// <summary>How a replica leaves under churn, and how the results name it: <see cref="Kill"/> (the failover's (B)), or a
    /// graceful stop (SIGTERM: it leaves the cluster and hands its shards over, as a scale-in or a rolling update does).</summary>
    internal sealed record Departure(string Section, string Verb, string Noun, string Gone, Func<Simulation.Replicas.ReplicaProcess, Task> Leave)
    {
        /// <summary>Keeps the details of several departures in one result apart (none for the failover's one).</summary>
        public string DetailsPrefix => Section == "(B)" ? string.Empty : $"{Section.Trim('(', ')')}.";

        public static Departure Kill { get; } = new("(B)", "SIGKILL", "kill", "dead", replica => replica.KillAsync());

        public static Departure Stop(string section) => new(section, "stop", "stop", "stopped", replica => replica.StopAsync(TimeSpan.FromSeconds(120)));
    }

    /// <summary>Under endpoint churn, the replica that last wrote most pools leaves (<paramref name="departure"/>); its Services
    /// must be written again by the survivors, nothing lost, no writer interleaved.</summary>
    internal static async Task ChurnDepartureAsync(BenchWorld world, ScenarioParameters p, List<string> services, RunResult result, Departure departure)
    {
        var d = departure;
        var churn = new ChurnDriver(world, services, p.ChurnPerSecond);
        await churn.LoadAsync();
        var auditMark = world.Audit.TotalRecorded;
        var serviceWritesMark = world.Statuses.Writes;
        using var stop = new CancellationTokenSource();
        var churnStarted = DateTimeOffset.UtcNow;
        var running = Task.Run(() => churn.RunAsync(stop.Token));
        // Warm-up: every Service changed once (so the audit log names each one's current writer), plus a few seconds.
        var warmup = services.Count + (int)(3 * p.ChurnPerSecond);
        world.Progress.Say($"{d.Section} churn at {p.ChurnPerSecond}/s over {services.Count} Services; warming up for {warmup} changes");
        await Poll.UntilAsync(() => running.IsFaulted || churn.Count >= warmup, $"{warmup} churn changes", p.Timeout, TimeSpan.FromMilliseconds(50));
        if (running.IsFaulted) await running;

        var killed = DateTimeOffset.UtcNow;
        var writers = LastWriters(world.Audit.Since(auditMark), killed);
        var byReplica = writers.GroupBy(w => w.Value).ToDictionary(g => g.Key, g => g.Select(w => w.Key).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var victim = world.Running.OrderByDescending(r => byReplica.GetValueOrDefault(r.Id)?.Count ?? 0).First();
        var victimServices = byReplica.GetValueOrDefault(victim.Id) ?? [];
        world.Progress.Say($"{d.Section} {d.Verb} {victim.Id}, last writer of {victimServices.Count} of {services.Count} pools; churn continues");
        killed = DateTimeOffset.UtcNow;
        await d.Leave(victim);

        var rehomed = await WaitOwnedAsync(world, services.Count, p.Timeout);
        // Keep churning for one more full round after the survivors took over, so every moved Service changes under its new owner.
        var target = churn.Count + services.Count;
        await Poll.UntilAsync(() => running.IsFaulted || churn.Count >= target, $"{services.Count} more churn changes after the take-over", p.Timeout,
            TimeSpan.FromMilliseconds(50));
        await stop.CancelAsync();
        await running;
        var churnEnded = DateTimeOffset.UtcNow;
        world.Progress.Say($"{d.Section} churn stopped after {churn.Count} changes; waiting for every pool to match its EndpointSlice");

        var expected = churn.Expected;
        var pending = services.ToHashSet(StringComparer.Ordinal);
        try
        {
            await Poll.UntilAsync(() =>
            {
                pending.RemoveWhere(s => world.PoolServers(Workload.PoolName(s))?.SequenceEqual(expected[s]) == true);
                return pending.Count == 0;
            }, "every pool to hold its Service's endpoints as last written", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        }
        catch (TimeoutException)
        {
            // Reported below as lost changes.
        }
        await world.WaitQuietAsync(TimeSpan.FromSeconds(2), p.Timeout);

        var entries = world.Audit.Since(auditMark);
        var changes = churn.Changes;
        var poolWrites = entries.Where(e => e.ObjectType == "pool" && e.Status < 300)
            .GroupBy(e => e.Name!).ToDictionary(g => g.Key, g => g.Select(e => e.Time).Order().ToList(), StringComparer.Ordinal);
        // The first pool write after the change was sent realises it (the previous change of that Service is a whole churn
        // round earlier). At 0 ms Avi latency the write can land before the API's answer reaches this client: then the
        // latency from the acknowledgement is negative, and reported as such.
        double Realised(ChurnDriver.Change c)
        {
            var times = poolWrites.GetValueOrDefault(Workload.PoolName(c.Service));
            var first = times?.FirstOrDefault(t => t >= c.Sent) ?? default;
            return first == default ? double.NaN : Kit.Ms(first - c.Acknowledged);
        }
        JsonArray Slowest(IEnumerable<ChurnDriver.Change> group) => new(group.Select(c => (Change: c, Latency: Realised(c)))
            .OrderByDescending(x => double.IsNaN(x.Latency) ? double.MaxValue : x.Latency).Take(5)
            .Select(x => (JsonNode)$"{x.Change.Service} #{x.Change.Sequence} acknowledged {x.Change.Acknowledged:HH:mm:ss.fff}: {x.Latency:0.0} ms").ToArray());
        // Changes acknowledged in the last second before the kill may still have been queued on the replica that died:
        // they count with the outage, not with the steady state before it.
        var outageStart = killed - TimeSpan.FromSeconds(1);
        var beforeKill = changes.Where(c => c.Acknowledged < outageStart).Select(Realised).ToList();
        var duringOutage = changes.Where(c => c.Acknowledged >= outageStart && c.Acknowledged < rehomed).ToList();
        var victimDuring = duringOutage.Where(c => victimServices.Contains(c.Service)).ToList();
        var othersDuring = duringOutage.Where(c => !victimServices.Contains(c.Service)).Select(Realised).ToList();
        result.Details[d.DetailsPrefix + "slowestOtherChangesDuringOutage"] = Slowest(duringOutage.Where(c => !victimServices.Contains(c.Service)));
        result.Details[d.DetailsPrefix + "slowestDeadOwnedChangesDuringOutage"] = Slowest(duringOutage.Where(c => victimServices.Contains(c.Service)));
        result.Details[d.DetailsPrefix + "slowestChangesBeforeKill"] = Slowest(changes.Where(c => c.Acknowledged < outageStart));
        result.Details[d.DetailsPrefix + "timeline"] = new JsonObject
        {
            ["churnStarted"] = churnStarted.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
            ["killed"] = killed.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
            ["survivorsOwnAll"] = rehomed.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
            ["churnEnded"] = churnEnded.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
            ["victim"] = victim.Id,
        };
        var afterTakeover = changes.Where(c => c.Acknowledged >= rehomed).Select(Realised).ToList();
        var firstVictimWrite = entries.Where(e => e.Time >= killed && e.Status < 300 && e.ObjectType == "pool" && e.Name is not null &&
                                                  victimServices.Contains(ServiceOfPool(e.Name)))
            .Select(e => (DateTimeOffset?)e.Time).Min();
        var victimRealisedAt = victimDuring.Select(c =>
        {
            var latency = Realised(c);
            return double.IsNaN(latency) ? (DateTimeOffset?)null : c.Acknowledged + TimeSpan.FromMilliseconds(latency);
        }).ToList();
        var nonPoolWrites = entries.Count(e => e.ObjectType != "pool");
        var failedWrites = entries.Count(e => e.Status >= 300);
        var interleaved = InterleavedWriters(entries);
        var statusWrites = world.Statuses.Writes - serviceWritesMark;
        var totalPoolWrites = entries.Count(e => e.ObjectType == "pool");

        result.Add($"{d.Section} churn achieved", changes.Count / (churnEnded - churnStarted).TotalSeconds, "changes/s", note: $"{changes.Count} changes, asked {p.ChurnPerSecond}/s");
        result.Add($"{d.Section} change → pool write, before the {d.Noun}", Distribution.Of(beforeKill), "ms", $"changes acknowledged more than 1 s before the {d.Noun}");
        result.Add($"{d.Section} {d.Verb} → survivors own every Service", (rehomed - killed).TotalSeconds, "s");
        result.Add($"{d.Section} {d.Verb} → first write to a {d.Gone} replica's pool", firstVictimWrite is { } fw ? (fw - killed).TotalSeconds : double.NaN, "s");
        result.Add($"{d.Section} {d.Verb} → last change made to a {d.Gone} replica's Service during the outage realised",
            victimRealisedAt.Count == 0 ? double.NaN : victimRealisedAt.Any(t => t is null) ? double.NaN : (victimRealisedAt.Max()!.Value - killed).TotalSeconds, "s",
            note: $"{victimDuring.Count} changes to {victimServices.Count} {d.Gone}-owned Services from 1 s before the {d.Noun} until the take-over");
        result.Add($"{d.Section} change → pool write, other Services during the outage", Distribution.Of(othersDuring), "ms");
        result.Add($"{d.Section} change → pool write, after the take-over", Distribution.Of(afterTakeover), "ms");
        result.Add($"{d.Section} pool writes per endpoint change", (double)totalPoolWrites / Math.Max(1, changes.Count), "calls", 1, "below 1 = coalesced");
        result.Add($"{d.Section} changes lost (pools not matching their slice 60 s after churn stopped)", pending.Count, "Services", 0);
        result.Add($"{d.Section} Avi writes other than pool updates", nonPoolWrites, "calls", 0);
        result.Add($"{d.Section} failed Avi writes (409/412/...)", failedWrites, "calls");
        result.Add($"{d.Section} Service status writes", statusWrites, "writes", 0);
        result.Add($"{d.Section} objects whose writers interleaved (A, B, A)", interleaved, "objects", 0);
        result.Require($"{d.Section} changes lost", pending.Count, 0);
        result.Require($"{d.Section} Avi writes other than pool updates under churn + {(d == Departure.Kill ? "failover" : d.Noun)}", nonPoolWrites, 0);
        result.Require($"{d.Section} objects with interleaved writers", interleaved, 0);
        result.Details[d.DetailsPrefix + "churnWritesByKind"] = Kit.ToJson(Kit.WritesByKind(entries));
        result.Details[d.DetailsPrefix + "poolWritesByReplica"] = Kit.ToJson(new SortedDictionary<string, double>(
            entries.Where(e => e.ObjectType == "pool").GroupBy(e => e.Replica ?? "?").ToDictionary(g => g.Key, g => (double)g.Count()), StringComparer.Ordinal));
        result.Details[d.DetailsPrefix + "unrealisedChanges"] = new JsonArray(changes.Where(c => double.IsNaN(Realised(c))).Take(20)
            .Select(c => (JsonNode)$"{c.Service} #{c.Sequence} at {c.Acknowledged:O}").ToArray());
        if (pending.Count > 0) result.Notes.Add($"pools not matching after 60 s: {string.Join(", ", pending.Take(10))}");
    }

    /// <summary>Per Service, the replica that last wrote its pool before <paramref name="until"/>.</summary>
    private static Dictionary<string, string> LastWriters(IEnumerable<AuditEntry> entries, DateTimeOffset until) =>
        entries.Where(e => e.ObjectType == "pool" && e.Status < 300 && e.Time < until && e.Name is not null && e.Replica is not null)
            .GroupBy(e => ServiceOfPool(e.Name!))
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!.Replica!, StringComparer.Ordinal);

    /// <summary>Objects the testkit's single-writer rule finds written by two owners interleaved (epochs going down, one
    /// epoch from two replicas, or a writer coming back after another without a newer epoch).</summary>
    private static int InterleavedWriters(IEnumerable<AuditEntry> entries) =>
        SingleWriterRule.Check(entries).Select(v => v.Object).Distinct(StringComparer.Ordinal).Count();

    private static string ServiceOfPool(string pool)
    {
        var prefix = Workload.Names.Prefix + Workload.Namespace + "-";
        var suffix = $"-TCP-{Workload.ServicePort}";
        return pool.StartsWith(prefix, StringComparison.Ordinal) && pool.EndsWith(suffix, StringComparison.Ordinal)
            ? pool[prefix.Length..^suffix.Length]
            : pool;
    }

    private static async Task<Dictionary<string, double>> OwnedAsync(BenchWorld world) =>
        (await world.ScrapeAsync()).ToDictionary(kv => kv.Key, kv => kv.Value.Sum("ako_owned_entities", ("kind", Kit.ServiceKind)), StringComparer.Ordinal);

    private static async Task<DateTimeOffset> WaitOwnedAsync(BenchWorld world, int count, TimeSpan timeout)
    {
        await Poll.UntilAsync(async () => (await OwnedAsync(world)).Values.Sum() >= count, $"the survivors to own all {count} Services", timeout,
            TimeSpan.FromMilliseconds(100));
        return DateTimeOffset.UtcNow;
    }
}
