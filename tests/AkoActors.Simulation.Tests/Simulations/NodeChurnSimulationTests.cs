using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.Simulation.Invariants;
using AkoActors.Simulation.Reporting;
using AkoActors.Simulation.Workloads;
using AkoActors.Simulation.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AkoActors.Simulation.Tests.Simulations;

/// <summary>Node churn through the real replicas: Nodes joining, leaving and taking new pod CIDRs while the replica that
/// owns the VRF is SIGKILLed end with the VRF's routes matching the Nodes (every invariant, "static routes match the nodes"
/// among them, checked by <c>ConvergedWithin</c>), one writer at a time, and nothing written when nothing changes.</summary>
public sealed class NodeChurnSimulationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Nodes_added_deleted_and_re_cidred_while_the_vrf_owner_is_killed_end_with_routes_matching_the_nodes()
    {
        await using var sim = await Simulation.StartAsync(o => o.Replicas(3).Services(4).Ingresses(1).Nodes(5).Seed(11).LogTo(output.WriteLine));
        Assert.Equal(5, sim.Workload.Nodes.Count);
        AssertOwnRoutesAre(sim, sim.Workload.Nodes);

        var owner = VrfWriterSlot(sim);
        output.WriteLine($"killing slot {owner}, the last writer of vrfcontext global");
        await sim.KillReplica(owner);
        await sim.Workload.AddNodeAsync();
        await sim.Workload.ChangeNodePodCidrAsync();
        await sim.Workload.DeleteNodeAsync();
        await sim.Workload.ChangeNodesAsync(3);
        await sim.ConvergedWithin(Bound);
        AssertOwnRoutesAre(sim, sim.Workload.Nodes);

        await sim.RestartReplica(owner);
        await sim.Workload.ChangeNodesAsync(3);
        await sim.ConvergedWithin(Bound);
        AssertOwnRoutesAre(sim, sim.Workload.Nodes);
        Assert.Equal(9, sim.Workload.NodeChanges);
        Assert.Contains(sim.Workload.NodeChangeLog, c => c.Kind == NodeChangeKind.ChangePodCidr);
        var latencies = ChangeLatencies.MeasureNodes(sim.Workload.NodeChangeLog, sim.Checker.Audit);
        output.WriteLine($"node change → vrfcontext written: {string.Join(", ", latencies.Realised.Select(l => $"{l.TotalMilliseconds:0} ms"))}");
        Assert.Equal((9, 0), (latencies.Realised.Count, latencies.Unrealised));

        // Nothing changes: a relist after 410 Gone and fresh sessions after an expiry must not rewrite the VRF.
        await QuietAfterFaults.NothingWrittenAcrossRelistAndSessionExpiryAsync(sim, Bound);
    }

    [Fact]
    public async Task A_route_removed_behind_the_controllers_back_is_reported_naming_the_node()
    {
        await using var sim = await Simulation.StartAsync(o => o.Replicas(1).Services(1).Nodes(2).Seed(5).LogTo(output.WriteLine));
        var (address, podCidr) = sim.Workload.Nodes[Workload.NodeName(1)];
        Assert.Equal((3, 3), await sim.Checker.ProgressAsync()); // the Service and the workload's two Nodes (not the six seeded ones)

        // The check is not the controller agreeing with itself: a route dropped from the VRF on the controller is seen.
        var state = sim.Avi.Simulator.DumpState();
        var vrf = state["vrfcontext"]!.AsArray().OfType<JsonObject>().Single(v => v["name"]!.GetValue<string>() == "global");
        var routes = vrf["static_routes"]!.AsArray();
        routes.Remove(routes.OfType<JsonObject>().Single(r => r["next_hop"]!["addr"]!.GetValue<string>() == address));
        sim.Avi.Simulator.LoadState(state);

        var lost = Assert.Single(await sim.Checker.DifferencesAsync());
        Assert.Equal(new Violation(StaticRouteRules.RoutesMatchNodes, $"Node {Workload.NodeName(1)}",
            $"route {podCidr} via {address} is missing from vrfcontext global"), lost);
        Assert.Equal((2, 3), await sim.Checker.ProgressAsync());
    }

    /// <summary>The slot of the replica that last wrote vrfcontext global (audit: <c>X-Ako-Replica</c> = <c>replica-&lt;slot&gt;.&lt;n&gt;</c>).</summary>
    private static int VrfWriterSlot(Simulation sim)
    {
        var write = sim.Checker.Audit.Last(e => e.ObjectType == "vrfcontext" && e.Name == "global" && e.Status is >= 200 and < 300);
        var replica = write.Replica ?? throw new InvalidOperationException($"audit #{write.Sequence} has no X-Ako-Replica");
        return int.Parse(replica["replica-".Length..replica.IndexOf('.', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }

    /// <summary>The routes of the workload's own Nodes in vrfcontext global (10.32.0.0/11 is theirs alone) are exactly one per Node.</summary>
    private static void AssertOwnRoutesAre(Simulation sim, IReadOnlyDictionary<string, (string Address, string PodCidr)> nodes)
    {
        var vrf = sim.Avi.Simulator.DumpState(objectType: "vrfcontext")["vrfcontext"]!.AsArray().OfType<JsonObject>().Single(v => v["name"]!.GetValue<string>() == "global");
        var routes = (vrf["static_routes"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(r => $"{r["prefix"]!["ip_addr"]!["addr"]!.GetValue<string>()}/{r["prefix"]!["mask"]!.GetValue<int>()} via {r["next_hop"]!["addr"]!.GetValue<string>()}")
            .Where(r => r.StartsWith("10.", StringComparison.Ordinal) && int.Parse(r.Split('.')[1], CultureInfo.InvariantCulture) is >= 32 and < 64)
            .Order(StringComparer.Ordinal);
        Assert.Equal(nodes.Values.Select(n => $"{n.PodCidr} via {n.Address}").Order(StringComparer.Ordinal), routes);
    }
}
