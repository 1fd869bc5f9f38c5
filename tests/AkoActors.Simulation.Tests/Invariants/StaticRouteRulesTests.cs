using System.Text.Json.Nodes;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Kubernetes.Snapshots;
using AkoActors.Simulation.Invariants;
using AkoActors.Simulation.Workloads;
using k8s.Models;
using Xunit;

namespace AkoActors.Simulation.Tests.Invariants;

/// <summary>Static routes against the Nodes, each rule made to fail on purpose. The controller state is AviSim's
/// <c>DumpState</c> shape, written out here: <c>vrfcontext[] {name, uuid, static_routes[] {route_id, prefix {ip_addr {addr,
/// type}, mask}, next_hop {addr, type}, labels[] {key, value}}}</c>; Nodes are V1Nodes as the API server returns them.</summary>
public sealed class StaticRouteRulesTests
{
    private static readonly AkoSettings Settings = new() { ClusterName = Workload.ClusterName };

    private static NodeSnapshot Node(int index, string? annotation = null, DateTime? created = null)
    {
        var node = Workload.Node(Workload.NodeName(index), Workload.NodeAddress(index), Workload.PodCidr(index));
        node.Metadata.CreationTimestamp = created ?? new DateTime(2026, 1, 1, 0, 0, index, DateTimeKind.Utc);
        if (annotation is not null) node.Metadata.Annotations = new Dictionary<string, string> { [NodeSnapshot.PodCidrsAnnotation] = annotation };
        return NodeSnapshots.From(node);
    }

    private static JsonObject Vrf(params JsonObject[] routes) => new()
    {
        ["vrfcontext"] = new JsonArray(
            new JsonObject { ["name"] = "management", ["uuid"] = "vrf-0", ["static_routes"] = new JsonArray() },
            new JsonObject { ["name"] = "global", ["uuid"] = "vrf-1", ["static_routes"] = new JsonArray(routes.Cast<JsonNode>().ToArray()) }),
    };

    private static JsonObject Route(string id, string prefix, string nextHop, string cluster = Workload.ClusterName, string? epoch = "1700000000001")
    {
        var parts = prefix.Split('/');
        var labels = new JsonArray(new JsonObject { ["key"] = "clustername", ["value"] = cluster });
        if (epoch is not null) labels.Add(new JsonObject { ["key"] = "ako-actors-epoch", ["value"] = epoch });
        return new JsonObject
        {
            ["route_id"] = id,
            ["prefix"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = parts[0], ["type"] = "V4" }, ["mask"] = int.Parse(parts[1]) },
            ["next_hop"] = new JsonObject { ["addr"] = nextHop, ["type"] = "V4" },
            ["labels"] = labels,
        };
    }

    [Fact]
    public void Routes_matching_every_node_have_no_differences_and_epoch_labels_and_other_clusters_routes_are_ignored()
    {
        var vrf = Vrf(
            Route("bench-1", "10.32.1.0/24", "10.0.0.2", epoch: "1700000000001"),
            Route("other-1", "10.99.0.0/24", "10.9.9.9", cluster: "other"),
            Route("bench-2", "10.32.2.0/24", "10.0.0.3", epoch: null));

        Assert.Empty(StaticRouteRules.Differences([Node(1), Node(2)], vrf, Settings));
    }

    [Fact]
    public void A_missing_route_and_a_route_with_another_next_hop_name_the_node()
    {
        var vrf = Vrf(Route("bench-1", "10.32.1.0/24", "10.0.0.9"));

        var differences = StaticRouteRules.Differences([Node(1), Node(2)], vrf, Settings);

        Assert.Equal(2, differences.Count);
        Assert.All(differences, d => Assert.Equal(StaticRouteRules.RoutesMatchNodes, d.Invariant));
        Assert.Contains(differences, d => d.Object == "Node sim-node-0001" &&
            d.Detail == "route bench-1 in vrfcontext global has 10.32.1.0/24 via 10.0.0.9, the node says via 10.0.0.2");
        Assert.Contains(differences, d => d.Object == "Node sim-node-0002" &&
            d.Detail == "route 10.32.2.0/24 via 10.0.0.3 is missing from vrfcontext global");
    }

    [Fact]
    public void A_route_of_this_cluster_no_node_claims_is_an_orphan_naming_its_route_id_and_a_prefix_routed_twice_is_a_duplicate()
    {
        var orphan = Assert.Single(StaticRouteRules.Differences([Node(1)], Vrf(Route("bench-1", "10.32.1.0/24", "10.0.0.2"), Route("bench-7", "10.32.9.0/24", "10.0.0.8")), Settings));
        Assert.Equal(ConvergenceRules.NoOrphans, orphan.Invariant);
        Assert.Equal("vrfcontext global route bench-7", orphan.Object);
        Assert.Equal("10.32.9.0/24 via 10.0.0.8 is labelled clustername=bench but no Node claims it", orphan.Detail);

        var twice = Assert.Single(StaticRouteRules.Differences([Node(1)], Vrf(Route("bench-1", "10.32.1.0/24", "10.0.0.2"), Route("bench-3", "10.32.1.0/24", "10.0.0.2")), Settings));
        Assert.Equal(ConvergenceRules.NoDuplicates, twice.Invariant);
        Assert.Equal("vrfcontext global prefix 10.32.1.0/24", twice.Object);
        Assert.Equal("routes bench-1, bench-3", twice.Detail);
    }

    [Fact]
    public void The_pod_cidrs_annotation_wins_over_the_spec_and_an_unparsable_one_expects_no_route()
    {
        var vrf = Vrf(Route("bench-1", "10.40.0.0/24", "10.0.0.2"));

        Assert.Empty(StaticRouteRules.Differences([Node(1, annotation: "10.40.0.0/24"), Node(2, annotation: "10.41.0.0/33")], vrf, Settings));
        var stale = Assert.Single(StaticRouteRules.Differences([Node(1)], vrf, Settings), d => d.Invariant == ConvergenceRules.NoOrphans);
        Assert.Equal("vrfcontext global route bench-1", stale.Object);
    }

    [Fact]
    public void Of_two_overlapping_nodes_the_older_one_is_expected_as_the_controller_keeps_it()
    {
        var older = Node(1, annotation: "10.50.0.0/16", created: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var newer = Node(2, annotation: "10.50.1.0/24", created: new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));

        Assert.Empty(StaticRouteRules.Differences([newer, older], Vrf(Route("bench-1", "10.50.0.0/16", "10.0.0.2")), Settings));
        var missing = Assert.Single(StaticRouteRules.Differences([newer, older], Vrf(), Settings));
        Assert.Equal("Node sim-node-0001", missing.Object);
    }

    [Fact]
    public void A_missing_vrfcontext_is_a_violation_and_nothing_is_checked_when_static_route_sync_is_off_or_in_NodePort_mode()
    {
        var noVrf = Assert.Single(StaticRouteRules.Differences([Node(1)], new JsonObject { ["vrfcontext"] = new JsonArray() }, Settings));
        Assert.Equal("vrfcontext global", noVrf.Object);

        Assert.Empty(StaticRouteRules.Differences([Node(1)], Vrf(), Settings with { DisableStaticRouteSync = true }));
        Assert.Empty(StaticRouteRules.Differences([Node(1)], Vrf(), Settings with { ServiceType = PoolServerMode.NodePort }));
        Assert.Throws<NotSupportedException>(() => StaticRouteRules.Differences([Node(1)], Vrf(), Settings with { CniPlugin = "calico" }));
    }
}
