using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Tests;

/// <summary>A vsvip moving to another VIP network on the wire: the entry on the new network added under the next
/// <c>vip_id</c> beside the kept old entry (written back as the controller returned it, address included), then the old entry
/// left out; a write's response (references without <c>#name</c>) read as the network the spec named for the entry it wrote.</summary>
public class VsVipMoveCodecTests
{
    private static readonly VsVipSpec Wanted = new("c1--Shared-L7-slice-0", "moved-vip", "172.16.253.0/24", null,
        new[] { "shop.ako.example.com" }.ToEquatableArray(), "Default-Cloud", "global", AviObjectMeta.None) { MovesInPlace = true };

    /// <summary>The vsvip as the controller returns it: entry "0" on infra-vip with its address.</summary>
    private static JsonObject Held() => new()
    {
        ["name"] = "c1--Shared-L7-slice-0",
        ["vip"] = new JsonArray(new JsonObject
        {
            ["vip_id"] = "0",
            ["auto_allocate_ip"] = true,
            ["ipam_network_subnet"] = new JsonObject
            {
                ["network_ref"] = "https://ctrl/api/network/network-1#infra-vip",
                ["subnet"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = "172.16.252.0", ["type"] = "V4" }, ["mask"] = 24 },
            },
            ["ip_address"] = new JsonObject { ["addr"] = "172.16.252.1", ["type"] = "V4" },
        }),
    };

    [Fact]
    public void A_move_adds_the_new_networks_entry_under_the_next_id_and_writes_the_kept_one_back_unchanged()
    {
        var held = Held();

        var json = new VsVipCodec().Write(Wanted with { KeptVipIds = new[] { "0" }.ToEquatableArray() }, held);

        var vips = json["vip"]!.AsArray();
        Assert.Equal(2, vips.Count);
        Assert.True(JsonNode.DeepEquals(held["vip"]![0], vips[0]));
        Assert.Equal("1", vips[1]!["vip_id"]!.GetValue<string>());
        Assert.True(vips[1]!["auto_allocate_ip"]!.GetValue<bool>());
        Assert.Equal("/api/network/?name=moved-vip", vips[1]!["ipam_network_subnet"]!["network_ref"]!.GetValue<string>());
        Assert.Null(vips[1]!["ip_address"]);
    }

    [Fact]
    public void Finishing_the_move_writes_only_the_current_entry_with_its_address()
    {
        var held = Held();
        held["vip"]!.AsArray().Add(new JsonObject
        {
            ["vip_id"] = "1",
            ["ipam_network_subnet"] = new JsonObject { ["network_ref"] = "https://ctrl/api/network/network-2" },
            ["ip_address"] = new JsonObject { ["addr"] = "172.16.253.1", ["type"] = "V4" },
        });

        var json = new VsVipCodec().Write(Wanted with { CurrentVipId = "1" }, held);

        var vip = Assert.Single(json["vip"]!.AsArray())!;
        Assert.Equal(("1", "172.16.253.1"), (vip["vip_id"]!.GetValue<string>(), vip["ip_address"]!["addr"]!.GetValue<string>()));
        Assert.Equal("/api/network/?name=moved-vip", vip["ipam_network_subnet"]!["network_ref"]!.GetValue<string>());
    }

    [Fact]
    public void A_writes_response_without_names_is_observed_as_the_named_network_for_the_written_entry_and_satisfies_the_spec()
    {
        var asked = Wanted with { KeptVipIds = new[] { "0" }.ToEquatableArray() };
        var response = Held();
        response["vip"]![0]!["ipam_network_subnet"]!["network_ref"] = "https://ctrl/api/network/network-1";
        response["vip"]!.AsArray().Add(new JsonObject
        {
            ["vip_id"] = "1",
            ["ipam_network_subnet"] = new JsonObject
            {
                ["network_ref"] = "https://ctrl/api/network/network-2",
                ["subnet"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = "172.16.253.0", ["type"] = "V4" }, ["mask"] = 24 },
            },
            ["ip_address"] = new JsonObject { ["addr"] = "172.16.253.1", ["type"] = "V4" },
        });

        var observed = (VsVipSpec)new VsVipCodec().Observe(asked, response);

        Assert.Equal(new AviNetworkRef("moved-vip", "network-2"), observed.Vips[1].Network);
        Assert.Equal(new AviNetworkRef(string.Empty, "network-1"), observed.Vips[0].Network);
        Assert.True(asked.IsSatisfiedBy(observed));
    }
}
