using AkoActors.Simulation.Invariants;
using AkoActors.Simulation.Reporting;
using AkoActors.Simulation.Tests.Workloads;
using AkoActors.Simulation.Workloads;
using AkoActors.Testing.Fixtures;
using k8s;
using Xunit;
using Xunit.Abstractions;

namespace AkoActors.Simulation.Tests.Simulations;

/// <summary><c>simulate --cluster</c>'s path through real replicas: a snapshot of a cluster is loaded as that cluster (named
/// target ports, two ports, a TLS host with two paths whose Secret the snapshot lacks, an address outside the simulation's
/// range), realised, churned and checked against the controller's own translation — which does see what is missing.</summary>
public sealed class ClusterSnapshotSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_snapshot_is_realised_churned_and_checked_and_a_lost_pool_is_seen()
    {
        await using var sim = await Simulation.StartAsync(o => o.Replicas(1).Cluster(ClusterSnapshot.Parse(ClusterSnapshotTests.KubectlList)).Seed(3)
            .Shards("SMALL").LogTo(output.WriteLine));

        var view = await sim.Checker.TranslatedAsync();
        Assert.Empty(view.Differences);
        // Service shop/web, the TLS host (its SNI child, two pools), the shared VS's own objects, the status of the host.
        Assert.Contains(view.PoolsByService, p => p.Key.ToString() == "shop/web" && p.Value.Count == 2);
        Assert.Contains(view.PoolsByService, p => p.Key.ToString() == "shop/api" && p.Value.Count == 2);
        var web = await sim.Client.CoreV1.ReadNamespacedServiceAsync("web", "shop");
        Assert.True(SimulationAviProfile.InVipRange(web.Status.LoadBalancer.Ingress[0].Ip), "the snapshot's 10.20.30.40 is not asked for here; IPAM chose");

        await sim.Workload.ChangeEndpointsAsync(4);
        await sim.ConvergedWithin(TimeSpan.FromMinutes(2));
        var latencies = ChangeLatencies.Measure(sim.Workload.ChangeLog, sim.Checker.Audit);
        Assert.Equal(0, latencies.Unrealised);
        Assert.Equal(4, latencies.Realised.Count);

        // The check is not the controller agreeing with itself: a pool emptied behind its back is seen.
        var pool = view.PoolsByService.First(p => p.Key.ToString() == "shop/web").Value[0];
        var state = sim.Avi.Simulator.DumpState();
        state["pool"]!.AsArray().OfType<System.Text.Json.Nodes.JsonObject>().First(p => p["name"]!.GetValue<string>() == pool).Remove("servers");
        sim.Avi.Simulator.LoadState(state);
        Assert.Contains(await sim.Checker.DifferencesAsync(), v => v.Invariant == ConvergenceRules.NothingLost && v.Detail.StartsWith($"pool {pool} holds []", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_seed_articles_cluster_as_kubectl_printed_it_after_AKO_ran_is_realised_under_a_kill()
    {
        var snapshot = ClusterSnapshot.Load(Path.Combine(SharedFolder.RequireAkoMadeFixtures(), "kubernetes.yaml"));
        // Three replicas: a kill leaves a majority (of two, the survivor may be the one its split-brain resolver downs).
        await using var sim = await Simulation.StartAsync(o => o.Replicas(3).Cluster(snapshot).Seed(4).LogTo(output.WriteLine));

        await sim.KillReplica(2);
        await sim.Workload.ChangeEndpointsAsync(3);
        await sim.ConvergedWithin(TimeSpan.FromMinutes(2));

        var view = await sim.Checker.TranslatedAsync();
        Assert.Equal(view.Subjects, view.Realised);
        Assert.Contains(view.PoolsByService.Keys, k => k.ToString() == "shop/pinned");
    }
}
