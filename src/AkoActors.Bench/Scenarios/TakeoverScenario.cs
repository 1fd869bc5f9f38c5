using System.Text.Json.Nodes;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using AkoActors.Simulation.Waiting;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>takeover</c>: AKO stopped after serving N LoadBalancer Services and M Ingresses (its objects generated on
/// AviSim, its statuses and annotations on the Kubernetes objects), AkoActors started with the same clusterName: the time
/// until every Service and Ingress is owned and converged and AKO's shard datascripts and pool groups are replaced, the
/// writes that took, and the zeros a takeover must hold — no VS or vsvip created or deleted, no VIP or status changed,
/// nothing written in a quiet window after convergence.</summary>
public static class TakeoverScenario
{
    public const string Name = "takeover";

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        var result = new RunResult(Name);
        var kit = TakeoverKit.For(p, p.TlsEvery);
        world.Progress.Say($"generating AKO's Avi state for {p.Services} Services and {p.Ingresses} Ingresses and loading it on AviSim");
        var (load, generator) = await kit.SeedAviAsync(world);
        result.Add("AviSim: AKO's state loaded", load.TotalSeconds, "s", note: $"{kit.AviObjects} objects, {kit.Shards.Count} shared VSes");
        var seed = await kit.SeedKubernetesAsync(world, generator);
        result.Add("KubeSim: objects created with AKO's statuses (not part of the takeover)", seed.TotalSeconds, "s");

        var auditMark = world.Audit.TotalRecorded;
        var requestMark = world.Avi.Simulator.Stats.Requests;
        var serviceWrites = world.Statuses.Writes;
        var ingressWrites = world.Ingresses.Writes;
        // Only LoadBalancer Services have an owner entity; the Ingresses' ClusterIP backends do not.
        var lbServices = p.Services;
        var sharedVses = kit.Shards.Select(Workload.Names.SharedL7VirtualService).ToList();

        world.Progress.Say($"starting {p.Replicas} replica(s) on AKO's objects (clusterName {Workload.ClusterName})");
        var start = DateTimeOffset.UtcNow;
        await world.StartReplicasAsync(p.Replicas, p.Timeout);
        var readyAt = DateTimeOffset.UtcNow;

        DateTimeOffset? convergedAt = null;
        var lastReport = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(async () =>
        {
            var scrapes = await world.ScrapeAsync();
            double Sum(string metric, string kind, string? result = null) => scrapes.Values.Sum(s => result is null
                ? s.Sum(metric, ("kind", kind))
                : s.Sum(metric, ("kind", kind), ("result", result)));
            var ownedServices = Sum("ako_owned_entities", Kit.ServiceKind);
            var convergedServices = Sum("ako_reconciles_total", Kit.ServiceKind, "converged");
            var ownedIngresses = Sum("ako_owned_entities", "ingress");
            var convergedIngresses = Sum("ako_reconciles_total", "ingress", "converged");
            var convergedShards = Sum("ako_reconciles_total", "shared-vs", "converged");
            var swept = scrapes.Values.Sum(s => s.Sum("ako_sweeps_total", ("result", "ok")));
            var akoLeft = sharedVses.Count(vs => world.Avi.Simulator.FindObject("vsdatascriptset", vs) is not null ||
                                                 world.Avi.Simulator.FindObject("poolgroup", vs) is not null);
            if (DateTimeOffset.UtcNow - lastReport > TimeSpan.FromSeconds(3))
            {
                lastReport = DateTimeOffset.UtcNow;
                world.Progress.Say($"takeover: Services owned {ownedServices}/{lbServices} converged {convergedServices}, Ingresses owned {ownedIngresses}/{p.Ingresses} " +
                                   $"converged {convergedIngresses}, shared VSes converged {convergedShards}/{sharedVses.Count}, still running AKO's datascript {akoLeft}, Avi writes {world.Audit.TotalRecorded - auditMark}");
            }
            if (ownedServices >= lbServices && convergedServices >= lbServices && ownedIngresses >= p.Ingresses && convergedIngresses >= p.Ingresses &&
                convergedShards >= sharedVses.Count && akoLeft == 0 && swept >= 1)
            {
                convergedAt ??= DateTimeOffset.UtcNow;
            }
            return convergedAt is not null;
        }, "every Service and Ingress owned and converged and AKO's shard datascripts and pool groups replaced", p.Timeout, TimeSpan.FromMilliseconds(250));
        await world.WaitQuietAsync(TimeSpan.FromSeconds(2), p.Timeout);
        var takeoverWrites = world.Audit.Since(auditMark);
        var calls = Kit.CallsDelta([], await world.ScrapeAsync());
        var requests = world.Avi.Simulator.Stats.Requests - requestMark;
        var changedStatuses = await kit.ChangedStatusesAsync(world);
        var changedVips = kit.Vips.Where(v => world.VsVipAddress(v.Key) != v.Value).Select(v => $"{v.Key}: {v.Value} → {world.VsVipAddress(v.Key) ?? "gone"}").ToList();
        var recreated = takeoverWrites.Count(w => w.ObjectType is "virtualservice" or "vsvip" && w.Method is "POST" or "DELETE");
        var serviceObjectWrites = world.Statuses.Writes - serviceWrites;
        var ingressObjectWrites = world.Ingresses.Writes - ingressWrites;

        world.Progress.Say($"converged; watching a quiet window of {p.QuietWindow.TotalSeconds:0} s");
        var quietAudit = world.Audit.TotalRecorded;
        var quietKube = world.Statuses.Writes + world.Ingresses.Writes;
        // The window is the measurement itself (writes a settled controller makes unprompted), not a wait for something.
        await Task.Delay(p.QuietWindow);
        var quietAviWrites = world.Audit.Since(quietAudit);
        var quietKubeWrites = world.Statuses.Writes + world.Ingresses.Writes - quietKube;

        result.Add("start → all replicas ready (/readyz)", (readyAt - start).TotalSeconds, "s");
        result.Add("start → every Service and Ingress owned and converged, AKO's L7 objects replaced (takeover time)", (convergedAt!.Value - start).TotalSeconds, "s",
            p.FloorSeconds(takeoverWrites.Count + Kit.Reads(calls)), "floor = (writes + reads) × latency ÷ cap");
        if (takeoverWrites.Count > 0)
        {
            result.Add("start → last Avi write of the takeover", (takeoverWrites[^1].Time - start).TotalSeconds, "s");
        }
        result.Add("Avi writes", takeoverWrites.Count, "calls", note: IngressKit.Describe(Kit.WritesByKind(takeoverWrites)));
        result.Add("Avi reads (replica metrics)", Kit.Reads(calls), "calls");
        result.Add("Avi requests (AviSim, incl. logins)", requests, "calls");
        result.Add("VS/vsvip POST or DELETE", recreated, "calls");
        result.Add("VIPs changed", changedVips.Count, "vsvips");
        result.Add("Service/Ingress statuses changed", changedStatuses.Count, "objects");
        result.Add("Service writes (status or annotations)", serviceObjectWrites, "writes");
        result.Add("Ingress writes (status or annotations)", ingressObjectWrites, "writes");
        result.Add($"Avi writes in the quiet {p.QuietWindow.TotalSeconds:0} s after convergence", quietAviWrites.Count, "calls");
        result.Add($"Service/Ingress writes in the quiet {p.QuietWindow.TotalSeconds:0} s after convergence", quietKubeWrites, "writes");
        result.Require("VS or vsvip created or deleted by the takeover", recreated, 0);
        result.Require("VIPs changed by the takeover", changedVips.Count, 0);
        result.Require("Service/Ingress load-balancer statuses changed by the takeover", changedStatuses.Count, 0);
        result.Require("Avi writes in the quiet window after convergence", quietAviWrites.Count, 0);
        result.Require("Service/Ingress writes in the quiet window after convergence", quietKubeWrites, 0);
        result.Details["aviWritesByKind"] = Kit.ToJson(Kit.WritesByKind(takeoverWrites));
        result.Details["aviCallsByReplicaMetrics"] = Kit.ToJson(calls);
        result.Details["quietWindowAviWrites"] = Kit.ToJson(Kit.WritesByKind(quietAviWrites));
        result.Details["changedVips"] = new JsonArray(changedVips.Take(50).Select(v => (JsonNode?)v).ToArray());
        result.Details["changedStatuses"] = new JsonArray(changedStatuses.Take(50).Select(v => (JsonNode?)v).ToArray());
        result.Details["generated"] = new JsonObject
        {
            ["aviObjects"] = kit.AviObjects, ["loadBalancerServices"] = lbServices, ["backendServices"] = p.Backends,
            ["ingresses"] = p.Ingresses, ["sharedVirtualServices"] = kit.Shards.Count, ["tlsEvery"] = p.TlsEvery,
        };
        Kit.AddMemory(result, world);
        return result;
    }
}
