using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Audit;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using k8s;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench.Scenarios;

/// <summary>One Ingress the benchmark creates: its hosts (one path <c>/</c> each) and its backend Service.</summary>
public sealed record IngressSpec(string Name, IReadOnlyList<string> Hosts, string Backend, int BackendIndex);

/// <summary>Steps the Ingress scenarios share: backends, creating Ingresses, waiting for their statuses, checking what
/// AviSim holds, and counting writes per shared VS.</summary>
public static class IngressKit
{
    /// <summary>The Ingresses of a burst: number i has i % 3 + 1 hosts and backend i % K.</summary>
    public static List<IngressSpec> Burst(int count, int backends) =>
        Enumerable.Range(0, count)
            .Select(i => new IngressSpec(Workload.IngressName(i), Workload.IngressHosts(i), Workload.BackendName(i % backends), i % backends))
            .ToList();

    /// <summary>Creates K ClusterIP Services, each with a benchmark-managed EndpointSlice of <c>p.Endpoints</c> ready
    /// endpoints (slices first, as for Deployments that exist before they are exposed).</summary>
    /// <summary>The opening both Ingress scenarios share: start the replicas (recording how long until all are ready), let the
    /// cluster settle and the shard regions spread, then create the backend Services with their EndpointSlices.</summary>
    public static async Task StartWithBackendsAsync(BenchWorld world, ScenarioParameters p, RunResult result)
    {
        var ready = await world.StartReplicasAsync(p.Replicas, p.Timeout);
        result.Add("replicas started → all ready", ready.TotalSeconds, "s");
        await Kit.WaitSettledAsync(world, TimeSpan.FromSeconds(1), p.Timeout);
        await SettleShardsAsync(world, p, result);
        await CreateBackendsAsync(world, p);
    }

    public static async Task CreateBackendsAsync(BenchWorld world, ScenarioParameters p)
    {
        var backends = Enumerable.Range(0, p.Backends).Select(Workload.BackendName).ToList();
        world.Progress.Say($"creating {backends.Count} backend ClusterIP Services with EndpointSlices ({p.Endpoints} endpoints each)");
        await Kit.CreateSlicesAsync(world, backends, p);
        await world.CreateAllAsync(backends, b => world.Client.CoreV1.CreateNamespacedServiceAsync(Workload.ClusterIpService(b), Workload.Namespace),
            p.ClientParallelism);
    }

    /// <summary>With several replicas, waits until shard allocation is steady (see <see cref="BenchWorld.WaitShardsSettledAsync"/>)
    /// and notes how many rebalances that took.</summary>
    public static async Task SettleShardsAsync(BenchWorld world, ScenarioParameters p, RunResult result)
    {
        if (p.Replicas < 2) return;
        if (p.ShardSettle <= TimeSpan.Zero)
        {
            result.Notes.Add("measured without waiting for shard allocation to settle (--shard-settle-s 0): shards may move during the measurement");
            return;
        }
        var started = DateTimeOffset.UtcNow;
        var rebalances = await world.WaitShardsSettledAsync(p.ShardSettle, p.Timeout);
        world.Progress.Say($"shard allocation steady: {rebalances} rebalance(s) seen, then none for {p.ShardSettle.TotalSeconds:0}s");
        result.Add("waiting for shard allocation to settle", (DateTimeOffset.UtcNow - started).TotalSeconds, "s",
            note: $"{rebalances} rebalance(s) started after the replicas were ready, then none for {p.ShardSettle.TotalSeconds:0} s");
    }

    /// <summary>The servers every pool of backend <paramref name="index"/> must hold (ip addresses, sorted ordinally).</summary>
    public static List<string> BackendAddresses(int index, ScenarioParameters p) =>
        Kit.Addresses(index * p.Endpoints, p.Endpoints).Order(StringComparer.Ordinal).ToList();

    /// <summary>Creates the Ingresses through the API, <c>p.ClientParallelism</c> at a time, after telling the recorder
    /// which hosts each must show; records when the API acknowledged each.</summary>
    public static async Task CreateIngressesAsync(BenchWorld world, IReadOnlyList<IngressSpec> ingresses, ScenarioParameters p,
        ConcurrentDictionary<string, DateTimeOffset>? acknowledged = null)
    {
        foreach (var ingress in ingresses) world.Ingresses.Expect(ingress.Name, ingress.Hosts);
        await world.CreateAllAsync(ingresses, async ingress =>
        {
            await world.Client.NetworkingV1.CreateNamespacedIngressAsync(Workload.Ingress(ingress.Name, ingress.Hosts, ingress.Backend), Workload.Namespace);
            if (acknowledged is not null) acknowledged[ingress.Name] = DateTimeOffset.UtcNow;
        }, p.ClientParallelism);
    }

    public static async Task WaitForStatusesAsync(BenchWorld world, IReadOnlyCollection<IngressSpec> ingresses, TimeSpan timeout, string what)
    {
        var lastReport = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(() =>
        {
            var done = ingresses.Count(i => world.Ingresses.FirstComplete(i.Name) is not null);
            if (DateTimeOffset.UtcNow - lastReport > TimeSpan.FromSeconds(3))
            {
                lastReport = DateTimeOffset.UtcNow;
                var stats = world.Avi.Simulator.Stats;
                world.Progress.Say($"{what}: {done}/{ingresses.Count} Ingresses show every host with an address; Avi writes {world.Audit.TotalRecorded}, Avi requests {stats.Requests}, in flight {stats.InFlight}, waiting {stats.Waiting}");
            }
            return done == ingresses.Count;
        }, $"{ingresses.Count} Ingresses to show every host with an address ({what})", timeout, TimeSpan.FromMilliseconds(10));
    }

    /// <summary>What one shared VS should serve: its hosts, their pools and the Ingresses contributing them.</summary>
    public sealed record SharedVs(string Name, List<string> Hosts, List<string> Pools, HashSet<string> Ingresses);

    public static SortedDictionary<string, SharedVs> SharedVses(IEnumerable<IngressSpec> ingresses, uint shardCount)
    {
        var result = new SortedDictionary<string, SharedVs>(StringComparer.Ordinal);
        foreach (var ingress in ingresses)
        {
            foreach (var host in ingress.Hosts)
            {
                var vs = Workload.SharedVirtualService(host, shardCount);
                if (!result.TryGetValue(vs, out var shared)) result[vs] = shared = new SharedVs(vs, [], [], new HashSet<string>(StringComparer.Ordinal));
                shared.Hosts.Add(host);
                shared.Pools.Add(Workload.IngressPoolName(host, ingress.Name));
                shared.Ingresses.Add(ingress.Name);
            }
        }
        return result;
    }

    /// <summary>Fewest writes that realise <paramref name="ingresses"/> on an empty controller: a POST per pool and, per
    /// shared VS used, one POST each of its vsvip, HTTP policy set and VS.</summary>
    public static int MinimumWrites(IEnumerable<IngressSpec> ingresses, uint shardCount)
    {
        var vses = SharedVses(ingresses, shardCount);
        return vses.Values.Sum(v => v.Pools.Count) + vses.Count * Workload.WritesPerSharedVirtualService;
    }

    /// <summary>What the end state must be: every host of every Ingress in its final status with its shard VS's VIP (as
    /// AviSim allocated it), every pool with its backend's endpoints, every host in its vsvip's dns_info, one policy rule
    /// per host. Counts of what is wrong go into checks, examples into notes.</summary>
    public static void Verify(BenchWorld world, IReadOnlyList<IngressSpec> ingresses, ScenarioParameters p, RunResult result)
    {
        var vses = SharedVses(ingresses, p.ShardCount);
        var vips = vses.Keys.ToDictionary(v => v, world.VsVipAddress, StringComparer.Ordinal);
        int wrongStatus = 0, wrongFirstStatus = 0, extraHosts = 0, badPools = 0;
        var examples = new List<string>();
        foreach (var ingress in ingresses)
        {
            var latest = world.Ingresses.Latest(ingress.Name)?.Hosts;
            var first = world.Ingresses.FirstComplete(ingress.Name)?.Hosts;
            foreach (var host in ingress.Hosts)
            {
                var vip = vips[Workload.SharedVirtualService(host, p.ShardCount)];
                if (latest is null || !latest.TryGetValue(host, out var ip) || ip is null || ip != vip)
                {
                    wrongStatus++;
                    if (examples.Count < 5) examples.Add($"{ingress.Name} {host}: status {(latest is not null && latest.TryGetValue(host, out var shown) ? shown : "(none)")}, VIP {vip ?? "(none)"}");
                }
                if (first is not null && first.GetValueOrDefault(host) != vip) wrongFirstStatus++;
                var pool = Workload.IngressPoolName(host, ingress.Name);
                var servers = world.PoolServers(pool);
                if (servers is null || !servers.SequenceEqual(BackendAddresses(ingress.BackendIndex, p)))
                {
                    badPools++;
                    if (examples.Count < 5) examples.Add($"pool {pool}: {(servers is null ? "missing" : string.Join(",", servers))}");
                }
            }
            if (latest is not null) extraHosts += latest.Keys.Count(h => !ingress.Hosts.Contains(h));
        }
        int missingDns = 0, wrongRules = 0;
        foreach (var vs in vses.Values)
        {
            var vsvip = world.Avi.Simulator.FindObject("vsvip", vs.Name);
            var fqdns = (vsvip?["dns_info"] as JsonArray ?? []).Select(d => d?["fqdn"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            missingDns += vs.Hosts.Count(h => !fqdns.Contains(h));
            var policy = world.Avi.Simulator.FindObject("httppolicyset", vs.Name);
            var rules = (policy?["http_request_policy"]?["rules"] as JsonArray)?.Count ?? 0;
            if (rules != vs.Pools.Count)
            {
                wrongRules++;
                if (examples.Count < 5) examples.Add($"{vs.Name}: {rules} policy rules for {vs.Pools.Count} pools");
            }
        }
        result.Require("hosts whose final Ingress status lacks their shard VS's VIP", wrongStatus, 0);
        result.Require("hosts whose first complete status had another address than the VIP", wrongFirstStatus, 0);
        result.Require("hosts in Ingress statuses that the Ingress does not have", extraHosts, 0);
        result.Require("pools missing or without their backend's endpoints", badPools, 0);
        result.Require("hosts missing from their vsvip's dns_info", missingDns, 0);
        result.Require("shared VSes whose policy set has not one rule per pool", wrongRules, 0);
        foreach (var example in examples) result.Notes.Add($"wrong: {example}");
    }

    /// <summary>Writes per shared VS (vsvip, HTTP policy set, VS by method; pools by method; replicas that wrote them)
    /// against the Ingresses and hosts on that VS: the coalescing of a burst. Adds summary figures, a note per VS, and the
    /// table to the details.</summary>
    public static void AddWritesPerSharedVs(RunResult result, IReadOnlyList<AuditEntry> writes, IReadOnlyList<IngressSpec> ingresses, uint shardCount)
    {
        var vses = SharedVses(ingresses, shardCount);
        var poolToVs = vses.Values.SelectMany(v => v.Pools.Select(pool => (pool, v.Name))).ToDictionary(x => x.pool, x => x.Name, StringComparer.Ordinal);
        var table = new JsonObject();
        var policyRatios = new List<double>();
        var vsvipRatios = new List<double>();
        var vsRatios = new List<double>();
        var multiWriter = 0;
        foreach (var vs in vses.Values)
        {
            var own = writes.Where(e => e.Name == vs.Name).ToList();
            var pools = writes.Where(e => e.Name is not null && poolToVs.GetValueOrDefault(e.Name) == vs.Name).ToList();
            int Count(string type, string method) => own.Count(e => e.ObjectType == type && e.Method == method);
            var writers = own.Concat(pools).Select(e => e.Replica ?? "?").Distinct().Order(StringComparer.Ordinal).ToList();
            if (writers.Count > 1) multiWriter++;
            var policyWrites = Count("httppolicyset", "POST") + Count("httppolicyset", "PUT");
            var vsvipWrites = Count("vsvip", "POST") + Count("vsvip", "PUT");
            var vsWrites = Count("virtualservice", "POST") + Count("virtualservice", "PUT");
            policyRatios.Add((double)policyWrites / vs.Ingresses.Count);
            vsvipRatios.Add((double)vsvipWrites / vs.Ingresses.Count);
            vsRatios.Add((double)vsWrites / vs.Ingresses.Count);
            table[vs.Name] = new JsonObject
            {
                ["ingresses"] = vs.Ingresses.Count, ["hosts"] = vs.Hosts.Count,
                ["vsvipPost"] = Count("vsvip", "POST"), ["vsvipPut"] = Count("vsvip", "PUT"),
                ["httppolicysetPost"] = Count("httppolicyset", "POST"), ["httppolicysetPut"] = Count("httppolicyset", "PUT"),
                ["virtualservicePost"] = Count("virtualservice", "POST"), ["virtualservicePut"] = Count("virtualservice", "PUT"),
                ["poolPost"] = pools.Count(e => e.Method == "POST"), ["poolPut"] = pools.Count(e => e.Method == "PUT"),
                ["poolOther"] = pools.Count(e => e.Method is not ("POST" or "PUT")),
                ["failed"] = own.Concat(pools).Count(e => e.Status >= 300),
                ["writers"] = new JsonArray(writers.Select(w => (JsonNode)w).ToArray()),
            };
            result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{vs.Name}: {vs.Ingresses.Count} Ingresses, {vs.Hosts.Count} hosts; vsvip {Count("vsvip", "POST")} POST + {Count("vsvip", "PUT")} PUT, " +
                $"policy set {Count("httppolicyset", "POST")} POST + {Count("httppolicyset", "PUT")} PUT, VS {Count("virtualservice", "POST")} POST + {Count("virtualservice", "PUT")} PUT, " +
                $"pools {pools.Count(e => e.Method == "POST")} POST + {pools.Count(e => e.Method == "PUT")} PUT; written by {string.Join(", ", writers)}"));
        }
        result.Details["writesPerSharedVs"] = table;
        result.Add("shared VSes used", vses.Count, "VSes");
        result.Add("Ingresses per shared VS (mean)", vses.Values.Average(v => v.Ingresses.Count), "Ingresses");
        result.Add("policy-set writes ÷ Ingresses on its VS (max over VSes)", policyRatios.Max(), "writes/Ingress", 1.0 / vses.Values.Min(v => v.Ingresses.Count),
            "coalescing: 1 = one full-tree write per Ingress; floor = one POST for all");
        result.Add("vsvip writes ÷ Ingresses on its VS (max over VSes)", vsvipRatios.Max(), "writes/Ingress");
        result.Add("VS writes ÷ Ingresses on its VS (max over VSes)", vsRatios.Max(), "writes/Ingress");
        result.Add("shared VSes written by more than one replica", multiWriter, "VSes", note: "one writer per shared VS expected while membership is stable");
    }

    /// <summary>Avi writes answered and Ingresses completed per time slice after <paramref name="start"/>: whether statuses
    /// flow steadily or all arrive when the big write pass ends. Into the details, and a compact line into the notes.</summary>
    public static void AddTimeline(RunResult result, DateTimeOffset start, IReadOnlyList<AuditEntry> writes, IEnumerable<DateTimeOffset> completions)
    {
        var done = completions.ToList();
        var end = writes.Select(e => e.Time).Concat(done).DefaultIfEmpty(start).Max();
        var slice = (end - start).TotalSeconds > 10 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(250);
        var slices = (int)Math.Ceiling((end - start) / slice) + 1;
        var writeCounts = new int[slices];
        var doneCounts = new int[slices];
        foreach (var write in writes) writeCounts[Math.Clamp((int)((write.Time - start) / slice), 0, slices - 1)]++;
        foreach (var time in done) doneCounts[Math.Clamp((int)((time - start) / slice), 0, slices - 1)]++;
        result.Details["timeline"] = new JsonObject
        {
            ["sliceMs"] = slice.TotalMilliseconds,
            ["aviWrites"] = new JsonArray(writeCounts.Select(c => (JsonNode)c).ToArray()),
            ["ingressesComplete"] = new JsonArray(doneCounts.Select(c => (JsonNode)c).ToArray()),
        };
        result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"timeline per {slice.TotalMilliseconds:0} ms from the first create: Avi writes [{string.Join(" ", writeCounts)}]; Ingresses complete [{string.Join(" ", doneCounts)}]"));
    }

    /// <summary>"POST pool 201: 2000, PUT vsvip 200: 12" — a compact line of counts for the Markdown notes.</summary>
    public static string Describe(SortedDictionary<string, double> counts) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}: {c.Value:0.##}")));
}
