using System.Net;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Routes;

namespace AkoActors.Domain.Tests.Routes;

/// <summary>How the nodes' claims become the VRF's routes: foreign routes untouched, stable ids, overlaps refused, no deletion on
/// a partial picture, no write when nothing changed.</summary>
public class StaticRouteMergeTests
{
    private const string Cluster = "avi-cluster";
    private static readonly DateTimeOffset Day0 = new(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The seed profile's six nodes, masters created first.</summary>
    private static readonly RouteClaim[] Seed =
    [
        Claim("avi-master1", "10.244.0.0/24", "172.16.250.11", 0),
        Claim("avi-master2", "10.244.1.0/24", "172.16.250.12", 1),
        Claim("avi-master3", "10.244.2.0/24", "172.16.250.13", 2),
        Claim("avi-node1", "10.244.3.0/24", "172.16.250.21", 3),
        Claim("avi-node2", "10.244.4.0/24", "172.16.250.22", 4),
        Claim("avi-node3", "10.244.5.0/24", "172.16.250.23", 5),
    ];

    [Fact]
    public void Six_seed_nodes_in_an_empty_vrf_get_six_routes_numbered_in_creation_order()
    {
        var result = StaticRouteMerge.Merge([], Seed.Reverse(), Cluster, everyNodeReported: true);

        Assert.True(result.Changed);
        Assert.Equal(
        [
            "avi-cluster-1: 10.244.0.0/24 via 172.16.250.11", "avi-cluster-2: 10.244.1.0/24 via 172.16.250.12",
            "avi-cluster-3: 10.244.2.0/24 via 172.16.250.13", "avi-cluster-4: 10.244.3.0/24 via 172.16.250.21",
            "avi-cluster-5: 10.244.4.0/24 via 172.16.250.22", "avi-cluster-6: 10.244.5.0/24 via 172.16.250.23",
        ], result.Routes.Select(r => r.ToString()));
        Assert.Empty(result.Refusals);
    }

    [Fact]
    public void Merging_what_is_already_there_changes_nothing()
    {
        var existing = Written(StaticRouteMerge.Merge([], Seed, Cluster, true));

        var again = StaticRouteMerge.Merge(existing, Seed.Reverse(), Cluster, everyNodeReported: true);

        Assert.False(again.Changed);
        Assert.Equal(existing.Select(r => r.RouteId), again.Routes.Select(r => r.RouteId));
    }

    [Fact]
    public void Routes_of_other_clusters_and_unlabelled_routes_are_never_in_our_set_and_their_ids_are_never_reused()
    {
        VrfStaticRoute[] existing =
        [
            Route("1", "10.244.0.0/24", "10.52.2.23"), // the recorded fixture's route: no labels at all
            Route("avi-cluster-1", "192.168.0.0/16", "10.0.0.1"), // someone used our id pattern by hand, without our label
            Route("other-1", "10.250.0.0/24", "10.0.0.2", new RouteLabel("clustername", "other")),
        ];

        var result = StaticRouteMerge.Merge(existing, Seed.Take(2), Cluster, everyNodeReported: true);

        Assert.Equal(["avi-cluster-2", "avi-cluster-3"], result.Routes.Select(r => r.RouteId));
        Assert.True(result.Changed);
    }

    [Fact]
    public void A_next_hop_change_rewrites_that_route_under_the_same_id_and_leaves_the_others_alone()
    {
        var existing = Written(StaticRouteMerge.Merge([], Seed, Cluster, true));
        var moved = Seed.Select(c => c.Node.Name == "avi-node2" ? Claim("avi-node2", "10.244.4.0/24", "172.16.250.122", 4) : c);

        var result = StaticRouteMerge.Merge(existing, moved, Cluster, everyNodeReported: true);

        Assert.True(result.Changed);
        var changed = result.Routes.Zip(existing).Where(p => p.First.Route != p.Second.AsPodRoute()).ToList();
        var (route, before) = Assert.Single(changed);
        Assert.Equal("avi-cluster-5", route.RouteId);
        Assert.Equal(before.RouteId, route.RouteId);
        Assert.Equal(IPAddress.Parse("172.16.250.122"), route.Route.NextHop);
    }

    [Fact]
    public void A_deleted_node_loses_exactly_its_route_and_the_next_new_node_takes_the_freed_id()
    {
        var existing = Written(StaticRouteMerge.Merge([], Seed, Cluster, true));

        var withoutNode1 = StaticRouteMerge.Merge(existing, Seed.Where(c => c.Node.Name != "avi-node1"), Cluster, everyNodeReported: true);
        Assert.Equal(["avi-cluster-1", "avi-cluster-2", "avi-cluster-3", "avi-cluster-5", "avi-cluster-6"], withoutNode1.Routes.Select(r => r.RouteId));

        var node4 = Claim("avi-node4", "10.244.6.0/24", "172.16.250.24", 10);
        var withNode4 = StaticRouteMerge.Merge(Written(withoutNode1), Seed.Where(c => c.Node.Name != "avi-node1").Append(node4), Cluster, true);
        Assert.Equal("avi-cluster-4: 10.244.6.0/24 via 172.16.250.24", withNode4.Routes[^1].ToString());
        Assert.Equal(withoutNode1.Routes, withNode4.Routes.Take(5));
    }

    [Fact]
    public void A_later_node_whose_cidr_overlaps_an_earlier_nodes_is_refused_with_a_message_naming_both()
    {
        var intruder = Claim("avi-node9", "10.244.3.128/25", "172.16.250.29", 9);

        var result = StaticRouteMerge.Merge([], Seed.Append(intruder), Cluster, everyNodeReported: true);

        Assert.Equal(6, result.Routes.Count);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(new NodeKey("avi-node9"), refusal.Node);
        Assert.Contains("avi-node1", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("10.244.3.128/25", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_already_programmed_wins_an_overlap_even_against_an_older_node()
    {
        VrfStaticRoute[] existing = [Ours("avi-cluster-1", "10.244.3.0/24", "172.16.250.29")];
        var younger = Claim("young", "10.244.3.0/24", "172.16.250.29", 10);
        var older = Claim("old", "10.244.0.0/16", "172.16.250.30", 0);

        var result = StaticRouteMerge.Merge(existing, [older, younger], Cluster, everyNodeReported: true);

        Assert.Equal(["avi-cluster-1: 10.244.3.0/24 via 172.16.250.29"], result.Routes.Select(r => r.ToString()));
        Assert.Equal(new NodeKey("old"), Assert.Single(result.Refusals).Node);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Until_every_node_has_reported_unclaimed_routes_of_ours_are_held_and_overlapping_claims_wait()
    {
        var existing = Written(StaticRouteMerge.Merge([], Seed, Cluster, true));
        var newcomer = Claim("avi-node7", "10.244.5.0/25", "172.16.250.27", 20); // overlaps avi-node3's route, not yet reported

        var partial = StaticRouteMerge.Merge(existing, Seed.Take(2).Append(newcomer), Cluster, everyNodeReported: false);

        Assert.False(partial.Changed);
        Assert.Equal(existing.Select(r => r.RouteId), partial.Routes.Select(r => r.RouteId));
        Assert.Equal(4, partial.Held.Count);
        Assert.Equal(newcomer, Assert.Single(partial.Deferred));
        Assert.Empty(partial.Refusals);
    }

    [Fact]
    public void Removing_every_claim_with_the_full_picture_removes_every_route_of_ours_as_delete_config_wants()
    {
        var existing = Written(StaticRouteMerge.Merge([], Seed, Cluster, true)).Prepend(Route("1", "10.244.0.0/24", "10.52.2.23")).ToList();

        var result = StaticRouteMerge.Merge(existing, [], Cluster, everyNodeReported: true);

        Assert.True(result.Changed);
        Assert.Empty(result.Routes);
    }

    [Fact]
    public void A_malformed_route_carrying_our_label_is_replaced()
    {
        VrfStaticRoute[] existing = [new("avi-cluster-1", null, IPAddress.Parse("172.16.250.11"), Labels(Cluster))];

        var result = StaticRouteMerge.Merge(existing, Seed.Take(1), Cluster, everyNodeReported: true);

        Assert.True(result.Changed);
        Assert.Equal(["avi-cluster-1: 10.244.0.0/24 via 172.16.250.11"], result.Routes.Select(r => r.ToString()));
    }

    private static RouteClaim Claim(string node, string prefix, string nextHop, int createdDay) =>
        new(new NodeKey(node), new PodRoute(IpCidr.Parse(prefix), IPAddress.Parse(nextHop)), Day0.AddDays(createdDay));

    private static VrfStaticRoute Route(string id, string prefix, string nextHop, params RouteLabel[] labels) =>
        new(id, IpCidr.Parse(prefix), IPAddress.Parse(nextHop), labels.ToEquatableArray());

    private static VrfStaticRoute Ours(string id, string prefix, string nextHop) => Route(id, prefix, nextHop, RouteLabel.ClusterName(Cluster));

    private static EquatableArray<RouteLabel> Labels(string cluster) => new[] { RouteLabel.ClusterName(cluster) }.ToEquatableArray();

    /// <summary>What the VRF holds after the merge result was written.</summary>
    private static List<VrfStaticRoute> Written(RouteMergeResult result) =>
        result.Routes.Select(r => new VrfStaticRoute(r.RouteId, r.Route.Prefix, r.Route.NextHop, Labels(Cluster))).ToList();
}
