using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using k8s;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>ingress-single</c>: on a busy setup (N Ingresses already realised on LARGE shards), one new Ingress with one
/// host at a time. Latency from the Kubernetes write acknowledged to (a) the last Avi write that realises it (its pool POST
/// and its shared VS's HTTP policy set and vsvip PUTs, AviSim's audit times) and (b) its status showing the host with the
/// VIP (KubeSim's commit time); Avi calls per new host.</summary>
public static class IngressSingleScenario
{
    public const string Name = "ingress-single";

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        var result = new RunResult(Name);
        await IngressKit.StartWithBackendsAsync(world, p, result);
        var present = IngressKit.Burst(p.Ingresses, p.Backends);
        world.Progress.Say($"populating: {present.Count} Ingresses ({present.Sum(i => i.Hosts.Count)} hosts, shardVSSize {p.ShardSize})");
        await IngressKit.CreateIngressesAsync(world, present, p);
        await IngressKit.WaitForStatusesAsync(world, present, p.Timeout, "populating");
        await world.WaitQuietAsync(TimeSpan.FromSeconds(1), p.Timeout);
        var busy = IngressKit.SharedVses(present, p.ShardCount);
        world.Progress.Say($"busy: {busy.Count} shared VSes with {busy.Values.Min(v => v.Hosts.Count)}-{busy.Values.Max(v => v.Hosts.Count)} hosts each; " +
                           $"measuring {p.Repetitions} new Ingress hosts, one at a time");

        var aviLatencies = new List<double>();
        var firstWriteLatencies = new List<double>();
        var offsetsByType = new Dictionary<string, List<double>>(StringComparer.Ordinal) { ["pool"] = [], ["vsvip"] = [], ["httppolicyset"] = [] };
        var statusLatencies = new List<double>();
        var writesPerHost = new List<double>();
        var requestsPerHost = new List<double>();
        var statusPatches = new List<double>();
        var otherWrites = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var byKind = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var added = new List<IngressSpec>();
        var trace = new JsonArray();
        var metricsBefore = await world.ScrapeAsync();
        for (var i = 0; i < p.Repetitions; i++)
        {
            var host = $"new{i}.{Workload.HostDomain}";
            var ingress = new IngressSpec($"new-{i:D5}", [host], Workload.BackendName(i % p.Backends), i % p.Backends);
            var vs = Workload.SharedVirtualService(host, p.ShardCount);
            var pool = Workload.IngressPoolName(host, ingress.Name);
            var auditMark = world.Audit.TotalRecorded;
            var requestMark = world.Avi.Simulator.Stats.Requests;
            var writesMark = world.Ingresses.Writes;
            world.Ingresses.Expect(ingress.Name, ingress.Hosts);
            await world.Client.NetworkingV1.CreateNamespacedIngressAsync(Workload.Ingress(ingress.Name, ingress.Hosts, ingress.Backend), Workload.Namespace);
            var acknowledged = DateTimeOffset.UtcNow;
            added.Add(ingress);

            // Realised: the pool exists, and the VS's policy set (a rule for the host) and vsvip (the host in dns_info)
            // have been written since the create; and the status shows the host.
            bool Realised(AkoActors.AviSim.Audit.AuditEntry e) =>
                e.Status < 300 && ((e.ObjectType == "pool" && e.Name == pool) || (e.Name == vs && e.ObjectType is "httppolicyset" or "vsvip"));
            await Poll.UntilAsync(() =>
                    world.Ingresses.FirstComplete(ingress.Name) is not null &&
                    world.Audit.Since(auditMark).Where(Realised).Select(e => e.ObjectType).Distinct().Count() == 3,
                $"new host {host} to reach {vs} and the status of {ingress.Name}", p.Timeout, TimeSpan.FromMilliseconds(1));
            // Quiet before the next one: the system is idle again, and trailing calls are counted to this host.
            await world.WaitQuietAsync(TimeSpan.FromMilliseconds(150), p.Timeout);

            var writes = world.Audit.Since(auditMark);
            var realising = writes.Where(Realised).ToList();
            aviLatencies.Add(Kit.Ms(realising.Max(e => e.Time) - acknowledged));
            firstWriteLatencies.Add(Kit.Ms(realising.Min(e => e.Time) - acknowledged));
            trace.Add(new JsonObject
            {
                ["ingress"] = ingress.Name, ["vs"] = vs, ["acknowledged"] = acknowledged.ToString("O", CultureInfo.InvariantCulture),
                ["writes"] = new JsonArray(writes.Select(e => (JsonNode)$"{e.Time.ToString("O", CultureInfo.InvariantCulture)} {e.Method} {e.ObjectType} {e.Name} {e.Status}").ToArray()),
                ["status"] = world.Ingresses.FirstComplete(ingress.Name)!.Time.ToString("O", CultureInfo.InvariantCulture),
            });
            foreach (var (type, offsets) in offsetsByType) offsets.Add(Kit.Ms(realising.Where(e => e.ObjectType == type).Max(e => e.Time) - acknowledged));
            statusLatencies.Add(Kit.Ms(world.Ingresses.FirstComplete(ingress.Name)!.Time - acknowledged));
            writesPerHost.Add(writes.Count);
            requestsPerHost.Add(world.Avi.Simulator.Stats.Requests - requestMark);
            statusPatches.Add(world.Ingresses.Writes - writesMark - 1);
            foreach (var (kind, count) in Kit.WritesByKind(writes)) byKind[kind] = byKind.GetValueOrDefault(kind) + count;
            foreach (var other in writes.Where(e => !Realised(e)))
            {
                var key = $"{other.Method} {other.ObjectType} {(other.Name == vs ? "(its VS)" : other.Name)} {other.Status.ToString(CultureInfo.InvariantCulture)}";
                otherWrites[key] = otherWrites.GetValueOrDefault(key) + 1;
            }
            if ((i + 1) % 50 == 0)
            {
                world.Progress.Say($"new hosts: {i + 1}/{p.Repetitions}, Avi p50 so far {Distribution.Median(aviLatencies):0.0} ms, status p50 {Distribution.Median(statusLatencies):0.0} ms");
            }
        }
        var calls = Kit.CallsDelta(metricsBefore, await world.ScrapeAsync());

        var n = p.Repetitions;
        var critical = 2 * Kit.Ms(p.AviLatency);
        result.Add("hosts per shared VS before measuring (mean)", busy.Values.Average(v => v.Hosts.Count), "hosts");
        result.Add("new host → last Avi write realising it", Distribution.Of(aviLatencies), "ms",
            note: $"pool POST, policy set PUT, vsvip PUT; critical path 2 dependent waves (pool+vsvip, policy set) = {critical:0} ms; writes×latency÷cap = {p.FloorSeconds(3) * 1000:0.##} ms");
        result.Add("new host → Ingress status with the VIP", Distribution.Of(statusLatencies), "ms", note: "KubeSim commit time of the status patch");
        result.Add("new host → first Avi write realising it", Distribution.Of(firstWriteLatencies), "ms",
            note: $"informer, Ingress and shared VS actors, translation and diff of the whole VS, plus one Avi latency ({Kit.Ms(p.AviLatency):0} ms)");
        result.Notes.Add("answered after the create's ack, p50 / p99: " + string.Join("; ", offsetsByType.Select(o =>
            string.Create(CultureInfo.InvariantCulture, $"{o.Key} {Distribution.Of(o.Value)!.P50:0.0} / {Distribution.Of(o.Value)!.P99:0.0} ms"))));
        foreach (var (type, offsets) in offsetsByType) result.Details[$"newHost{type}AnsweredMs"] = Distribution.Of(offsets)!.ToJson();
        result.Add("Avi writes per new host", writesPerHost.Average(), "calls", 3, $"minimum 3 (pool POST, policy set PUT, vsvip PUT); max seen {writesPerHost.Max()}");
        result.Add("Avi requests per new host (all, incl. reads)", requestsPerHost.Average(), "calls", note: $"max seen {requestsPerHost.Max()}");
        result.Add("Avi reads per new host (replica metrics)", Kit.Reads(calls) / n, "calls");
        result.Add("Ingress status patches per new Ingress", statusPatches.Average(), "writes", 1, $"max seen {statusPatches.Max()}");
        result.Require("Avi writes per new host", writesPerHost.Average(), 3);
        result.Notes.Add($"Avi writes by kind, per new host (audit): {IngressKit.Describe(new SortedDictionary<string, double>(byKind.ToDictionary(kv => kv.Key, kv => kv.Value / n), StringComparer.Ordinal))}");
        if (otherWrites.Count > 0) result.Notes.Add($"writes besides pool POST, policy set and vsvip (total over {n}): {IngressKit.Describe(otherWrites)}");
        result.Notes.Add($"Avi calls by kind over all {n} (replica metrics): {IngressKit.Describe(calls)}");
        IngressKit.Verify(world, [.. present, .. added], p, result);
        result.Details["newHostAviLatenciesMs"] = new JsonArray(aviLatencies.Select(l => RunResult.Number(l)).ToArray());
        result.Details["newHostStatusLatenciesMs"] = new JsonArray(statusLatencies.Select(l => RunResult.Number(l)).ToArray());
        result.Details["newHostWritesByKind"] = Kit.ToJson(byKind);
        result.Details["newHostTrace"] = trace;
        result.Details["newHostOtherWrites"] = Kit.ToJson(otherWrites);
        result.Details["newHostCallsByReplicaMetrics"] = Kit.ToJson(calls);
        Kit.AddMemory(result, world);
        return result;
    }
}
