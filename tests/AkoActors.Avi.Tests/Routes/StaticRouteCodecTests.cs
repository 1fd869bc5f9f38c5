using System.Net;
using System.Text.Json.Nodes;
using AkoActors.Avi.Routes;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Routes;
using AkoActors.Testing.Fixtures;

namespace AkoActors.Avi.Tests.Routes;

/// <summary>vrfcontext static routes in the controller's shape: read without loss, written back with foreign routes byte for byte.</summary>
public sealed class StaticRouteCodecTests
{
    /// <summary>The shape of vrfcontext_uuid_mock.json (a real controller's global VRF with one unlabelled route), plus a route of
    /// another cluster and one of ours; stated inline so the test runs without ../shared.</summary>
    private const string GlobalVrf = """
        {"_last_modified": "1579409598079840", "name": "global", "system_default": true,
         "uuid": "vrfcontext-941fc441-4433-4827-b456-8f91bd85baf7",
         "url": "https://controller.example.com/api/vrfcontext/vrfcontext-941fc441-4433-4827-b456-8f91bd85baf7#global",
         "tenant_ref": "https://controller.example.com/api/tenant/admin#admin",
         "cloud_ref": "https://controller.example.com/api/cloud/cloud-bd840faa-1a58-4573-8510-1bdb955448df#Default-Cloud",
         "static_routes": [
           {"route_id": "1", "prefix": {"mask": 24, "ip_addr": {"type": "V4", "addr": "10.244.0.0"}}, "next_hop": {"type": "V4", "addr": "10.52.2.23"}},
           {"route_id": "avi-cluster-1", "prefix": {"ip_addr": {"addr": "10.244.3.0", "type": "V4"}, "mask": 24},
            "next_hop": {"addr": "172.16.250.21", "type": "V4"}, "labels": [{"key": "clustername", "value": "avi-cluster"}]},
           {"route_id": "blue-1", "prefix": {"ip_addr": {"addr": "10.99.0.0", "type": "V4"}, "mask": 16},
            "next_hop": {"addr": "10.1.1.1", "type": "V4"}, "labels": [{"key": "clustername", "value": "blue"}], "if_name": "eth1"}
         ]}
        """;

    [SkippableFact]
    public void The_recorded_global_vrf_reads_its_unlabelled_route_as_someone_elses()
    {
        var recorded = SharedFolder.LoadAviFixture("vrfcontext_uuid_mock.json").AsObject();

        var table = StaticRouteCodec.ReadTable(recorded);

        Assert.Equal("global", table.Name);
        Assert.Equal("1579409598079840", table.LastModified);
        var route = Assert.Single(table.Routes);
        Assert.Equal(new VrfStaticRoute("1", IpCidr.Parse("10.244.0.0/24"), IPAddress.Parse("10.52.2.23"), []), route);
        Assert.False(route.IsOwnedBy("avi-cluster"));
    }

    [SkippableFact]
    public void The_recorded_vrf_list_holds_global_and_management_and_both_read()
    {
        var recorded = SharedFolder.LoadAviFixture("vrfcontext_mock.json");

        var tables = recorded["results"]!.AsArray().OfType<JsonObject>().Select(StaticRouteCodec.ReadTable).ToList();

        Assert.Equal(["global", "management"], tables.Select(t => t.Name));
        Assert.Empty(tables[1].Routes);
    }

    [Fact]
    public void Our_routes_are_recognised_by_the_clustername_label_only()
    {
        var table = StaticRouteCodec.ReadTable(JsonNode.Parse(GlobalVrf)!.AsObject());

        Assert.Equal(["avi-cluster-1"], table.OwnedBy("avi-cluster").Select(r => r.RouteId));
        Assert.Equal("avi-cluster-1: 10.244.3.0/24 via 172.16.250.21", table.OwnedBy("avi-cluster").Single().ToString());
    }

    [Fact]
    public void A_write_replaces_ours_in_place_appends_new_ones_and_hands_foreign_routes_back_unchanged()
    {
        var table = StaticRouteCodec.ReadTable(JsonNode.Parse(GlobalVrf)!.AsObject());
        OwnedRoute[] ours =
        [
            new("avi-cluster-1", new PodRoute(IpCidr.Parse("10.244.3.0/24"), IPAddress.Parse("172.16.250.121"))),
            new("avi-cluster-2", new PodRoute(IpCidr.Parse("fd00:10:244:4::/64"), IPAddress.Parse("fd00::22"))),
        ];

        var body = StaticRouteCodec.WithRoutes(table, ours, "avi-cluster");

        var routes = body["static_routes"]!.AsArray();
        var original = JsonNode.Parse(GlobalVrf)!["static_routes"]!.AsArray();
        Assert.Equal(["1", "avi-cluster-1", "blue-1", "avi-cluster-2"], routes.Select(r => r!["route_id"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(original[0], routes[0]));
        Assert.True(JsonNode.DeepEquals(original[2], routes[2]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"route_id": "avi-cluster-2", "prefix": {"ip_addr": {"addr": "fd00:10:244:4::", "type": "V6"}, "mask": 64},
             "next_hop": {"addr": "fd00::22", "type": "V6"}, "labels": [{"key": "clustername", "value": "avi-cluster"}]}
            """), routes[3]));
        Assert.Equal("172.16.250.121", routes[1]!["next_hop"]!["addr"]!.GetValue<string>());
        Assert.Equal("1579409598079840", body["_last_modified"]!.GetValue<string>());
        Assert.True(body["system_default"]!.GetValue<bool>());
    }

    [Fact]
    public void Writing_no_routes_of_ours_removes_exactly_ours()
    {
        var table = StaticRouteCodec.ReadTable(JsonNode.Parse(GlobalVrf)!.AsObject());

        var body = StaticRouteCodec.WithRoutes(table, [], "avi-cluster");

        Assert.Equal(["1", "blue-1"], body["static_routes"]!.AsArray().Select(r => r!["route_id"]!.GetValue<string>()));
    }

    [Fact]
    public void Routes_of_ours_carry_the_writing_owners_epoch_after_the_cluster_label_and_read_back_as_the_newest_epoch()
    {
        var table = StaticRouteCodec.ReadTable(JsonNode.Parse(GlobalVrf)!.AsObject());
        OwnedRoute[] ours = [new("avi-cluster-1", new PodRoute(IpCidr.Parse("10.244.3.0/24"), IPAddress.Parse("172.16.250.21")))];

        var body = StaticRouteCodec.WithRoutes(table, ours, "avi-cluster", epoch: 1_765_000_000_123);

        var ourRoute = body["static_routes"]!.AsArray().Single(r => r!["route_id"]!.GetValue<string>() == "avi-cluster-1")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"key": "clustername", "value": "avi-cluster"}, {"key": "ako-actors-epoch", "value": "1765000000123"}]
            """), ourRoute["labels"]));
        var reread = StaticRouteCodec.ReadTable(body);
        Assert.Equal(1_765_000_000_123, reread.NewestEpoch("avi-cluster"));
        Assert.Null(reread.NewestEpoch("blue"));
        Assert.Null(table.NewestEpoch("avi-cluster"));
    }
}
