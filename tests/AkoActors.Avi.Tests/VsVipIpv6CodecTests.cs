using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Tests;

/// <summary>IPv6 VIPs on the wire, as AKO writes them: <c>auto_allocate_ip_type</c> V6_ONLY / V4_V6 with the v6cidr as
/// <c>ipam_network_subnet.subnet6</c>, an IPv6 address asked for in <c>ip6_address</c>; read back with the allocated
/// <c>ip6_address</c>. A change of family amends the vip in place, leaving out the address of a family no longer asked for.</summary>
public class VsVipIpv6CodecTests
{
    private static readonly VsVipSpec Dual = new("c1--red-web", "alb-vip", "172.16.251.0/24", null,
        EquatableArray<string>.Empty, "Default-Cloud", "global", AviObjectMeta.None)
    {
        IpType = VipIpType.V4V6,
        Subnet6Cidr = "2001:db8:251::/64",
    };

    [Fact]
    public void A_dual_stack_vip_asks_v4_v6_with_both_subnets()
    {
        var vip = new VsVipCodec().Write(Dual, null)["vip"]![0]!;

        Assert.Equal("V4_V6", vip["auto_allocate_ip_type"]!.GetValue<string>());
        Assert.Equal("172.16.251.0", vip["ipam_network_subnet"]!["subnet"]!["ip_addr"]!["addr"]!.GetValue<string>());
        Assert.Equal("2001:db8:251::", vip["ipam_network_subnet"]!["subnet6"]!["ip_addr"]!["addr"]!.GetValue<string>());
        Assert.Equal("V6", vip["ipam_network_subnet"]!["subnet6"]!["ip_addr"]!["type"]!.GetValue<string>());
        Assert.Equal(64, vip["ipam_network_subnet"]!["subnet6"]!["mask"]!.GetValue<int>());
    }

    [Fact]
    public void An_ipv4_vip_written_fresh_carries_no_ip_type_as_ako_leaves_it_out()
    {
        var vip = new VsVipCodec().Write(Dual with { IpType = VipIpType.V4Only, Subnet6Cidr = null }, null)["vip"]![0]!.AsObject();
        Assert.False(vip.ContainsKey("auto_allocate_ip_type"));
        Assert.Null(vip["ipam_network_subnet"]!["subnet6"]);
    }

    [Fact]
    public void A_preferred_ipv6_address_is_the_vips_ip6_address()
    {
        var vip = new VsVipCodec().Write(Dual with { PreferredIp = "2001:db8:251::20" }, null)["vip"]![0]!.AsObject();
        Assert.Equal("2001:db8:251::20", vip["ip6_address"]!["addr"]!.GetValue<string>());
        Assert.Equal("V6", vip["ip6_address"]!["type"]!.GetValue<string>());
        Assert.False(vip.ContainsKey("ip_address"));
    }

    [Fact]
    public void A_change_to_ipv4_only_writes_v4_only_back_and_leaves_the_ipv6_address_out_and_back_again_the_ipv4_one()
    {
        var held = new JsonObject
        {
            ["name"] = "c1--red-web",
            ["vip"] = new JsonArray(new JsonObject
            {
                ["vip_id"] = "0",
                ["auto_allocate_ip_type"] = "V4_V6",
                ["ip_address"] = new JsonObject { ["addr"] = "172.16.251.1", ["type"] = "V4" },
                ["ip6_address"] = new JsonObject { ["addr"] = "2001:db8:251::1", ["type"] = "V6" },
            }),
        };
        var v4 = new VsVipCodec().Write(Dual with { IpType = VipIpType.V4Only, Subnet6Cidr = null }, held)["vip"]![0]!.AsObject();
        Assert.Equal("V4_ONLY", v4["auto_allocate_ip_type"]!.GetValue<string>());
        Assert.False(v4.ContainsKey("ip6_address"));
        Assert.Equal("172.16.251.1", v4["ip_address"]!["addr"]!.GetValue<string>());

        var v6 = new VsVipCodec().Write(Dual with { IpType = VipIpType.V6Only, SubnetCidr = null }, held)["vip"]![0]!.AsObject();
        Assert.Equal("V6_ONLY", v6["auto_allocate_ip_type"]!.GetValue<string>());
        Assert.False(v6.ContainsKey("ip_address"));
        Assert.Null(v6["ipam_network_subnet"]!["subnet"]);
        Assert.Equal("2001:db8:251::1", v6["ip6_address"]!["addr"]!.GetValue<string>());
    }

    [Fact]
    public void Read_back_the_vip_carries_its_type_subnet6_and_both_addresses_and_satisfies_what_was_asked()
    {
        var held = new VsVipCodec().Write(Dual, null);
        held["vip"]![0]!["ip_address"] = new JsonObject { ["addr"] = "172.16.251.1", ["type"] = "V4" };
        held["vip"]![0]!["ip6_address"] = new JsonObject { ["addr"] = "2001:db8:251::1", ["type"] = "V6" };

        var read = (VsVipSpec)new VsVipCodec().Read(held);

        Assert.Equal((VipIpType.V4V6, "2001:db8:251::/64", "172.16.251.1", "2001:db8:251::1"),
            (read.IpType, read.Subnet6Cidr, read.AllocatedIp, read.AllocatedIp6));
        Assert.True(Dual.IsSatisfiedBy(read));
        Assert.Equal(["172.16.251.1", "2001:db8:251::1"], read.ShownAddresses);
    }

    [Fact]
    public void Each_entry_is_read_with_its_own_ipv6_address_so_a_moving_vsvip_shows_the_serving_entrys_pair()
    {
        var held = new VsVipCodec().Write(Dual, null);
        held["vip"]![0]!["ip_address"] = new JsonObject { ["addr"] = "172.16.251.1", ["type"] = "V4" };
        held["vip"]![0]!["ip6_address"] = new JsonObject { ["addr"] = "2001:db8:251::1", ["type"] = "V6" };
        var second = held["vip"]![0]!.DeepClone().AsObject();
        second["vip_id"] = "1";
        second["ip_address"] = new JsonObject { ["addr"] = "172.16.253.1", ["type"] = "V4" };
        second["ip6_address"] = new JsonObject { ["addr"] = "2001:db8:253::1", ["type"] = "V6" };
        held["vip"]!.AsArray().Add(second);

        var read = (VsVipSpec)new VsVipCodec().Read(held);

        Assert.Equal([["172.16.251.1", "2001:db8:251::1"], ["172.16.253.1", "2001:db8:253::1"]], read.Vips.Select(e => e.ShownAddresses));
    }
}
