using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Tests;

/// <summary>A pool's <c>placement_networks</c> on the wire as AKO's <c>AviPoolBuild</c> writes them: <c>network_ref</c> by name,
/// or <c>/api/network/&lt;uuid&gt;</c> when the setting names the uuid, and the subnet as an IPAddrPrefix; read back in the
/// controller's form (full URL with <c>#name</c>) they satisfy what was asked for, and none asked for removes them.</summary>
public class PoolPlacementNetworkCodecTests
{
    private static readonly EquatableArray<PoolPlacementNetwork> Wanted = new[]
    {
        new PoolPlacementNetwork(new AviNetworkRef("k8s-nodes", null), "172.16.250.0/24"),
        new PoolPlacementNetwork(new AviNetworkRef("k8s-nodes-v6", "network-2"), "fd00:10::/64"),
    }.ToEquatableArray();

    private static readonly PoolSpec Pool = new("c1--red-web-TCP-80", EquatableArray<PoolServer>.Empty, new[] { "System-TCP" }.ToEquatableArray(),
        "Default-Cloud", "global", new AviObjectMeta("ako-c1", new[] { AviMarker.Of("clustername", "c1") }.ToEquatableArray(), null)) { PlacementNetworks = Wanted };

    [Fact]
    public void Placement_networks_are_written_by_name_or_uuid_with_the_subnet_as_an_avi_prefix()
    {
        var json = new PoolCodec().Write(Pool, null);

        Assert.Equal(
            """[{"network_ref":"/api/network/?name=k8s-nodes","subnet":{"ip_addr":{"addr":"172.16.250.0","type":"V4"},"mask":24}},""" +
            """{"network_ref":"/api/network/network-2","subnet":{"ip_addr":{"addr":"fd00:10::","type":"V6"},"mask":64}}]""",
            json["placement_networks"]!.ToJsonString());
    }

    [Fact]
    public void Read_back_in_the_controllers_form_and_any_order_they_satisfy_the_pool_and_none_wanted_removes_them()
    {
        var stored = new PoolCodec().Write(Pool, null);
        // As a controller returns them with include_name: full URLs with #name, here in the other order.
        stored["placement_networks"] = new JsonArray(
            new JsonObject
            {
                ["network_ref"] = "https://ctrl/api/network/network-2#k8s-nodes-v6",
                ["subnet"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = "fd00:10:0:0::", ["type"] = "V6" }, ["mask"] = 64 },
            },
            new JsonObject
            {
                ["network_ref"] = "https://ctrl/api/network/network-1#k8s-nodes",
                ["subnet"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = "172.16.250.0", ["type"] = "V4" }, ["mask"] = 24 },
            });

        var read = (PoolSpec)new PoolCodec().Read(stored);

        Assert.True(Pool.IsSatisfiedBy(read));
        Assert.False((Pool with { PlacementNetworks = EquatableArray<PoolPlacementNetwork>.Empty }).IsSatisfiedBy(read));
        Assert.Null(new PoolCodec().Write(Pool with { PlacementNetworks = EquatableArray<PoolPlacementNetwork>.Empty }, stored)["placement_networks"]);
    }
}
