using System.Text.Json.Nodes;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using k8s;
using k8s.Models;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>single</c>: one change at a time on an idle system. (1) An endpoint change of one Service (the EndpointSlice
/// replaced through the API): latency from the Kubernetes write acknowledged to the last Avi write acknowledged (AviSim's
/// audit time), and the Avi calls it cost. (2) One new LoadBalancer Service: latency to its last Avi write and,
/// separately, to its status carrying the VIP (KubeSim's commit time), and its calls.</summary>
public static class SingleScenario
{
    public const string Name = "single";

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        var result = new RunResult(Name);
        var ready = await world.StartReplicasAsync(p.Replicas, p.Timeout);
        result.Add("replicas started → all ready", ready.TotalSeconds, "s");

        var service = Workload.ServiceName(0);
        var pool = Workload.PoolName(service);
        var baseAddresses = Kit.Addresses(0, Math.Max(1, p.Endpoints)).ToList();
        await world.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Workload.Slice(service, baseAddresses), Workload.Namespace);
        await world.Client.CoreV1.CreateNamespacedServiceAsync(Workload.LoadBalancerService(service), Workload.Namespace);
        await Kit.WaitForStatusesAsync(world, [service], p.Timeout, "the endpoint-change Service");
        await Poll.UntilAsync(() => world.PoolServers(pool)?.Count == baseAddresses.Count, $"{baseAddresses.Count} servers in {pool}", p.Timeout,
            TimeSpan.FromMilliseconds(10));
        await Kit.WaitSettledAsync(world, TimeSpan.FromSeconds(1), p.Timeout);
        world.Progress.Say($"idle; measuring {p.Repetitions} endpoint changes of {service}");

        // (1) Endpoint changes: alternately add a fresh address and take it away again, so every change is a real one.
        var slice = await world.Client.DiscoveryV1.ReadNamespacedEndpointSliceAsync(Workload.SliceName(service), Workload.Namespace);
        var changeLatencies = new List<double>();
        var changeWrites = new List<double>();
        var changeRequests = new List<double>();
        var metricsBefore = await world.ScrapeAsync();
        for (var i = 0; i < p.Repetitions; i++)
        {
            var addresses = i % 2 == 0 ? [.. baseAddresses, Workload.Address(1_000_000 + i)] : baseAddresses;
            var expected = addresses.Order(StringComparer.Ordinal).ToList();
            slice.Endpoints = addresses.Select(a => new V1Endpoint { Addresses = [a], Conditions = new V1EndpointConditions { Ready = true } }).ToList();
            var auditMark = world.Audit.TotalRecorded;
            var requestMark = world.Avi.Simulator.Stats.Requests;
            slice = await world.Client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, slice.Metadata.Name, Workload.Namespace);
            var acknowledged = DateTimeOffset.UtcNow;
            // The pool holds the new servers and the write that put them there has been answered (AviSim stores the
            // object before it finishes the response and audits it, so both are waited for).
            await Poll.UntilAsync(() => world.PoolServers(pool)?.SequenceEqual(expected) == true &&
                                        world.Audit.Since(auditMark).Any(e => e.Name == pool && e.Status < 300),
                $"change {i + 1} to reach {pool}", p.Timeout, TimeSpan.FromMilliseconds(1));
            var realising = world.Audit.Since(auditMark).LastOrDefault(e => e.Name == pool && e.Status < 300);
            changeLatencies.Add(realising is null ? double.NaN : Kit.Ms(realising.Time - acknowledged));
            // Quiet before the next change: the system is idle again, and trailing calls are counted for this change.
            await world.WaitQuietAsync(TimeSpan.FromMilliseconds(150), p.Timeout);
            changeWrites.Add(world.Audit.TotalRecorded - auditMark);
            changeRequests.Add(world.Avi.Simulator.Stats.Requests - requestMark);
            if ((i + 1) % 50 == 0) world.Progress.Say($"endpoint changes: {i + 1}/{p.Repetitions}, p50 so far {Distribution.Median(changeLatencies):0.0} ms");
        }
        var endpointCalls = Kit.CallsDelta(metricsBefore, await world.ScrapeAsync());

        result.Add("endpoint change → last Avi write", Distribution.Of(changeLatencies), "ms",
            note: $"floor {Kit.Ms(p.AviLatency):0} ms (1 PUT; writes×latency÷cap = {p.FloorSeconds(1) * 1000:0.##} ms)");
        result.Add("Avi writes per endpoint change", changeWrites.Average(), "calls", note: $"minimum 1 (one pool PUT); max seen {changeWrites.Max()}");
        result.Add("Avi requests per endpoint change (all, incl. reads)", changeRequests.Average(), "calls", note: $"max seen {changeRequests.Max()}");
        result.Require("Avi writes per endpoint change", changeWrites.Average(), 1);
        result.Details["endpointChangeCallsByReplicaMetrics"] = Kit.ToJson(endpointCalls);
        result.Details["endpointChangeLatenciesMs"] = new JsonArray(changeLatencies.Select(l => RunResult.Number(l)).ToArray());

        // (2) New Services, one at a time.
        var newCount = p.Repetitions;
        world.Progress.Say($"measuring {newCount} new LoadBalancer Services, one at a time");
        var aviLatencies = new List<double>();
        var statusLatencies = new List<double>();
        var newWrites = new List<double>();
        var newRequests = new List<double>();
        metricsBefore = await world.ScrapeAsync();
        for (var i = 1; i <= newCount; i++)
        {
            var name = Workload.ServiceName(i);
            var objects = Workload.AviObjects(name).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            var auditMark = world.Audit.TotalRecorded;
            var requestMark = world.Avi.Simulator.Stats.Requests;
            await world.Client.CoreV1.CreateNamespacedServiceAsync(Workload.LoadBalancerService(name), Workload.Namespace);
            var acknowledged = DateTimeOffset.UtcNow;
            await Poll.UntilAsync(() => world.Statuses.FirstStatus(name) is not null, $"a VIP in the status of {name}", p.Timeout, TimeSpan.FromMilliseconds(1));
            await world.WaitQuietAsync(TimeSpan.FromMilliseconds(150), p.Timeout);
            var writes = world.Audit.Since(auditMark);
            var lastWrite = writes.Where(e => e.Name is not null && objects.Contains(e.Name) && e.Status < 300).Select(e => e.Time).DefaultIfEmpty().Max();
            aviLatencies.Add(lastWrite == default ? double.NaN : Kit.Ms(lastWrite - acknowledged));
            statusLatencies.Add(Kit.Ms(world.Statuses.FirstStatus(name)!.Time - acknowledged));
            newWrites.Add(writes.Count);
            newRequests.Add(world.Avi.Simulator.Stats.Requests - requestMark);
            if (i % 50 == 0) world.Progress.Say($"new Services: {i}/{newCount}, status p50 so far {Distribution.Median(statusLatencies):0.0} ms");
        }
        var newCalls = Kit.CallsDelta(metricsBefore, await world.ScrapeAsync());

        var sequentialFloor = 3 * Kit.Ms(p.AviLatency);
        result.Add("new Service → last Avi write", Distribution.Of(aviLatencies), "ms",
            note: $"critical path 3 dependent waves (vsvip+pool, L4 policy set, VS) = {sequentialFloor:0} ms; writes×latency÷cap = {p.FloorSeconds(Workload.WritesPerNewService) * 1000:0.##} ms");
        result.Add("new Service → status with VIP", Distribution.Of(statusLatencies), "ms", note: "KubeSim commit time of the status patch");
        result.Add("Avi writes per new Service", newWrites.Average(), "calls", note: $"minimum {Workload.WritesPerNewService} (4 POSTs)");
        result.Add("Avi requests per new Service (all, incl. reads)", newRequests.Average(), "calls", note: $"max seen {newRequests.Max()}");
        result.Add("Avi reads per new Service (replica metrics)", Kit.Reads(newCalls) / newCount, "calls");
        result.Require("Avi writes per new Service", newWrites.Average(), Workload.WritesPerNewService);
        result.Details["newServiceCallsByReplicaMetrics"] = Kit.ToJson(newCalls);
        Kit.AddMemory(result, world);
        return result;
    }
}
