using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Tests;

/// <summary>A vsvip with one entry per VIP network by <c>subnet_uuid</c> (AKO's on AWS, Azure and OpenStack) on the wire: new
/// entries numbered from "1" without <c>ipam_network_subnet</c>; an existing entry on a wanted subnet amended with its address
/// kept, a new subnet under the next free id (not renumbered, so no id changes subnet under the controller), an entry on a
/// subnet no longer wanted left out; read back as the subnets in order.</summary>
public class SubnetVipCodecTests
{
    private static readonly VsVipSpec Wanted = new("c1--red-web", "subnet-a", "10.0.1.0/24", null,
        new[] { "web.red.ako.example.com" }.ToEquatableArray(), "Default-Cloud", "global", AviObjectMeta.None)
    {
        SubnetVips = new[] { "subnet-a", "subnet-b" }.ToEquatableArray(),
        AutoAllocateFloatingIp = true,
    };

    private static JsonObject Entry(string id, string subnet, string address) => new()
    {
        ["vip_id"] = id,
        ["auto_allocate_ip"] = true,
        ["subnet_uuid"] = subnet,
        ["ip_address"] = new JsonObject { ["addr"] = address, ["type"] = "V4" },
        ["floating_ip"] = new JsonObject { ["addr"] = "198.51.100.7", ["type"] = "V4" },
    };

    [Fact]
    public void A_new_vsvip_gets_one_entry_per_subnet_numbered_from_one()
    {
        var vips = new VsVipCodec().Write(Wanted, null)["vip"]!.AsArray();

        Assert.Equal(["1", "2"], vips.Select(v => v!["vip_id"]!.GetValue<string>()));
        Assert.Equal(["subnet-a", "subnet-b"], vips.Select(v => v!["subnet_uuid"]!.GetValue<string>()));
        Assert.All(vips, v =>
        {
            Assert.Null(v!["ipam_network_subnet"]);
            Assert.True(v["auto_allocate_ip"]!.GetValue<bool>());
            Assert.True(v["auto_allocate_floating_ip"]!.GetValue<bool>());
        });
    }

    [Fact]
    public void Another_set_of_subnets_keeps_the_remaining_entries_and_adds_under_the_next_free_id()
    {
        var held = new JsonObject { ["name"] = "c1--red-web", ["vip"] = new JsonArray(Entry("1", "subnet-a", "10.0.1.4"), Entry("2", "subnet-b", "10.0.2.9")) };

        var vips = new VsVipCodec().Write(Wanted with { SubnetVips = new[] { "subnet-b", "subnet-c" }.ToEquatableArray(), AutoAllocateFloatingIp = false }, held)["vip"]!.AsArray();

        Assert.Equal(2, vips.Count);
        Assert.True(JsonNode.DeepEquals(held["vip"]![1], vips[0]));
        Assert.Equal("3", vips[1]!["vip_id"]!.GetValue<string>());
        Assert.Equal("subnet-c", vips[1]!["subnet_uuid"]!.GetValue<string>());
        Assert.Null(vips[1]!["ip_address"]);
    }

    [Fact]
    public void Read_back_the_entries_satisfy_the_spec_and_show_every_floating_ip()
    {
        var held = new JsonObject { ["name"] = "c1--red-web", ["vip"] = new JsonArray(Entry("1", "subnet-a", "10.0.1.4"), Entry("2", "subnet-b", "10.0.2.9")) };
        held["vip"]![1]!["floating_ip"]!["addr"] = "198.51.100.8";
        held["vip"]![0]!["auto_allocate_floating_ip"] = true;
        held["cloud_ref"] = "https://ctrl/api/cloud/cloud-1#Default-Cloud";
        held["vrf_context_ref"] = "https://ctrl/api/vrfcontext/vrf-1#global";
        held["dns_info"] = new JsonArray(new JsonObject { ["fqdn"] = "web.red.ako.example.com" });

        var read = (VsVipSpec)new VsVipCodec().Read(held);

        Assert.Equal(["subnet-a", "subnet-b"], read.SubnetVips);
        Assert.Equal(["198.51.100.7", "198.51.100.8"], read.ShownAddresses);
        Assert.True(Wanted.IsSatisfiedBy(read));
    }
}
