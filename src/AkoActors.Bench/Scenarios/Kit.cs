using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Audit;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using k8s;
using AkoActors.Simulation.Replicas;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench.Scenarios;

/// <summary>Steps the scenarios share: populating the cluster, counting calls, reading memory.</summary>
public static class Kit
{
    public const string ServiceKind = "service";

    /// <summary>The start of the multi-replica scenarios: <c>p.Replicas</c> replicas, then <c>p.Services</c> Services realised
    /// over them and the system quiet; returns the Services' names.</summary>
    public static async Task<List<string>> StartPopulatedAsync(BenchWorld world, ScenarioParameters p)
    {
        await world.StartReplicasAsync(p.Replicas, p.Timeout);
        await WaitSettledAsync(world, TimeSpan.FromSeconds(1), p.Timeout);
        var services = Enumerable.Range(0, p.Services).Select(Workload.ServiceName).ToList();
        world.Progress.Say($"populating {services.Count} Services over {p.Replicas} replicas");
        await PopulateAsync(world, services, p);
        await world.WaitQuietAsync(TimeSpan.FromSeconds(2), p.Timeout);
        return services;
    }

    /// <summary>Creates the EndpointSlices, then the LoadBalancer Services (as for Deployments that exist before they are
    /// exposed), and waits until every Service has its VIP in its status.</summary>
    public static async Task PopulateAsync(BenchWorld world, IReadOnlyList<string> services, ScenarioParameters p, int firstAddress = 0)
    {
        await CreateSlicesAsync(world, services, p, firstAddress);
        await world.CreateAllAsync(services, s => world.Client.CoreV1.CreateNamespacedServiceAsync(Workload.LoadBalancerService(s), Workload.Namespace),
            p.ClientParallelism);
        await WaitForStatusesAsync(world, services, p.Timeout, "populating");
    }

    public static Task CreateSlicesAsync(BenchWorld world, IReadOnlyList<string> services, ScenarioParameters p, int firstAddress = 0) =>
        world.CreateAllAsync(
            services.Select((s, i) => (Service: s, Index: i)).ToList(),
            item => world.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(
                Workload.Slice(item.Service, Addresses(firstAddress + item.Index * p.Endpoints, p.Endpoints)), Workload.Namespace),
            p.ClientParallelism);

    public static IEnumerable<string> Addresses(int first, int count) => Enumerable.Range(first, count).Select(Workload.Address);

    public static async Task WaitForStatusesAsync(BenchWorld world, IReadOnlyCollection<string> services, TimeSpan timeout, string what)
    {
        var lastReport = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(() =>
        {
            var done = services.Count(s => world.Statuses.FirstStatus(s) is not null);
            if (DateTimeOffset.UtcNow - lastReport > TimeSpan.FromSeconds(3))
            {
                lastReport = DateTimeOffset.UtcNow;
                var stats = world.Avi.Simulator.Stats;
                world.Progress.Say($"{what}: {done}/{services.Count} Services have their VIP; Avi writes {world.Audit.TotalRecorded}, Avi requests {stats.Requests}, in flight {stats.InFlight}, waiting {stats.Waiting}");
            }
            return done == services.Count;
        }, $"{services.Count} Services to get a load-balancer status ({what})", timeout, TimeSpan.FromMilliseconds(10));
    }

    /// <summary>Waits until a sweep finished on some replica (the start-up reconcile is over) and the controller is quiet.</summary>
    public static async Task WaitSettledAsync(BenchWorld world, TimeSpan quiet, TimeSpan timeout)
    {
        await Poll.UntilAsync(async () => await world.SumAsync("ako_sweeps_total", ("result", "ok")) >= 1,
            "a first sweep of the controller", timeout, TimeSpan.FromMilliseconds(100));
        await world.WaitQuietAsync(quiet, timeout);
    }

    /// <summary>Avi calls by verb and type the replicas made between two scrapes (a replica that started between them counts from 0).</summary>
    public static SortedDictionary<string, double> CallsDelta(Dictionary<string, PrometheusSnapshot> before, Dictionary<string, PrometheusSnapshot> after)
    {
        var delta = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (replica, snapshot) in after)
        {
            var earlier = before.GetValueOrDefault(replica) ?? PrometheusSnapshot.Empty;
            var previous = earlier.By("ako_avi_calls_total", "verb", "type", "status");
            foreach (var (key, value) in snapshot.By("ako_avi_calls_total", "verb", "type", "status"))
            {
                var d = value - previous.GetValueOrDefault(key);
                if (d != 0) delta[key] = delta.GetValueOrDefault(key) + d;
            }
        }
        return delta;
    }

    public static double Reads(SortedDictionary<string, double> calls) => calls.Where(c => c.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(c => c.Value);

    public static double Writes(SortedDictionary<string, double> calls) =>
        calls.Where(c => c.Key.Split(' ')[0] is "POST" or "PUT" or "PATCH" or "DELETE" && !c.Key.Contains(" login ", StringComparison.Ordinal) && !c.Key.Contains(" logout ", StringComparison.Ordinal)).Sum(c => c.Value);

    public static JsonObject ToJson(SortedDictionary<string, double> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values) json[key] = value;
        return json;
    }

    /// <summary>Audit entries by "METHOD type status".</summary>
    public static SortedDictionary<string, double> WritesByKind(IEnumerable<AuditEntry> entries)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var key = $"{entry.Method} {entry.ObjectType} {entry.Status.ToString(CultureInfo.InvariantCulture)}";
            result[key] = result.GetValueOrDefault(key) + 1;
        }
        return result;
    }

    /// <summary>Per-replica memory (peak and current resident set) into the result.</summary>
    public static void AddMemory(RunResult result, BenchWorld world)
    {
        var memory = new JsonObject();
        var peaks = new List<double>();
        foreach (var replica in world.Replicas)
        {
            var m = replica.HasExited ? replica.LastMemory : replica.ReadMemory() ?? replica.LastMemory;
            if (m is null) continue;
            memory[replica.Id] = new JsonObject { ["peakResidentMiB"] = Math.Round(m.PeakResidentMiB, 1), ["residentMiB"] = Math.Round(m.ResidentMiB, 1) };
            peaks.Add(m.PeakResidentMiB);
        }
        result.Details["replicaMemory"] = memory;
        if (peaks.Count > 0) result.Add("peak resident memory per replica (max over replicas)", peaks.Max(), "MiB", note: "VmHWM of the replica process");
        var self = ProcessMemory.Read(Environment.ProcessId);
        if (self is not null) result.Details["harnessPeakResidentMiB"] = Math.Round(self.PeakResidentMiB, 1);
    }

    public static double Ms(TimeSpan span) => span.TotalMilliseconds;
}
