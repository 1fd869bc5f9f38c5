using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

/// <summary>IPv6 VIPs: a vip's <c>auto_allocate_ip_type</c> picks the families IPAM allocates, the IPv6 address (in
/// <c>ip6_address</c>) from the network's IPv6 subnet. Relies on the default profile's alb-vip being dual stack:
/// 172.16.251.0/24 (VIPs .1-.100) and 2001:db8:251::/64 (VIPs ::1-::64).</summary>
public class Ipv6VipTests
{
    internal static JsonObject DualStackVip(string name, string ipType)
    {
        var body = Bodies.VsVip(name);
        var vip = body["vip"]![0]!.AsObject();
        vip["auto_allocate_ip_type"] = ipType;
        vip["ipam_network_subnet"]!["subnet6"] = new JsonObject
        {
            ["ip_addr"] = new JsonObject { ["addr"] = "2001:db8:251::", ["type"] = "V6" },
            ["mask"] = 64,
        };
        if (ipType == "V6_ONLY")
        {
            vip["ipam_network_subnet"]!.AsObject().Remove("subnet");
        }
        return body;
    }

    private static string? V4(JsonObject vsvip) => vsvip["vip"]![0]!["ip_address"]?["addr"]?.GetValue<string>();

    private static string? V6(JsonObject vsvip) => vsvip["vip"]![0]!["ip6_address"]?["addr"]?.GetValue<string>();

    [Fact]
    public async Task V6_only_gets_an_ipv6_address_and_no_ipv4_one()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var created = await scope.Client.CreateAsync("vsvip", DualStackVip("v6", "V6_ONLY"));
        Assert.Equal("2001:db8:251::1", V6(created));
        Assert.Equal("V6", created["vip"]![0]!["ip6_address"]!["type"]!.GetValue<string>());
        Assert.Null(V4(created));
        Assert.Equal("V6_ONLY", created["vip"]![0]!["auto_allocate_ip_type"]!.GetValue<string>());
        // The IPv4 ledger is untouched: the next IPv4 VIP is the first of its range.
        Assert.Equal("172.16.251.1", V4(await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v4"))));
    }

    [Fact]
    public async Task V4_v6_gets_one_address_of_each_family_and_both_are_released_on_delete()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var first = await scope.Client.CreateAsync("vsvip", DualStackVip("dual1", "V4_V6"));
        var second = await scope.Client.CreateAsync("vsvip", DualStackVip("dual2", "V4_V6"));
        Assert.Equal(("172.16.251.1", "2001:db8:251::1"), (V4(first), V6(first)));
        Assert.Equal(("172.16.251.2", "2001:db8:251::2"), (V4(second), V6(second)));
        Assert.Equal(HttpStatusCode.NoContent, (await scope.Client.DeleteAsync($"/api/vsvip/{first["uuid"]}")).Status);
        var reused = await scope.Client.CreateAsync("vsvip", DualStackVip("dual3", "V4_V6"));
        Assert.Equal(("172.16.251.1", "2001:db8:251::1"), (V4(reused), V6(reused)));
    }

    [Fact]
    public async Task A_put_keeps_the_addresses_and_a_change_of_type_adds_or_releases_a_family()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var created = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("grow"));
        Assert.Equal("172.16.251.1", V4(created));
        Assert.Equal("V4_ONLY", created["vip"]![0]!["auto_allocate_ip_type"]!.GetValue<string>());

        var dual = (JsonObject)created.DeepClone();
        dual["vip"]![0]!["auto_allocate_ip_type"] = "V4_V6";
        var grown = (await scope.Client.PutAsync($"/api/vsvip/{created["uuid"]}", dual)).Body!.AsObject();
        Assert.Equal(("172.16.251.1", "2001:db8:251::1"), (V4(grown), V6(grown)));
        var again = (await scope.Client.PutAsync($"/api/vsvip/{created["uuid"]}", grown.DeepClone())).Body!.AsObject();
        Assert.Equal(("172.16.251.1", "2001:db8:251::1"), (V4(again), V6(again)));

        var v6Only = (JsonObject)again.DeepClone();
        v6Only["vip"]![0]!["auto_allocate_ip_type"] = "V6_ONLY";
        v6Only["vip"]![0]!.AsObject().Remove("ip_address");
        var shrunk = (await scope.Client.PutAsync($"/api/vsvip/{created["uuid"]}", v6Only)).Body!.AsObject();
        Assert.Equal(((string?)null, "2001:db8:251::1"), (V4(shrunk), V6(shrunk)));
        // The IPv4 address was released: another VIP gets it.
        Assert.Equal("172.16.251.1", V4(await scope.Client.CreateAsync("vsvip", Bodies.VsVip("other"))));

        var v4Only = (JsonObject)shrunk.DeepClone();
        v4Only["vip"]![0]!["auto_allocate_ip_type"] = "V4_ONLY";
        var back = (await scope.Client.PutAsync($"/api/vsvip/{created["uuid"]}", v4Only)).Body!.AsObject();
        Assert.Equal(("172.16.251.2", (string?)null), (V4(back), V6(back)));
        Assert.Equal("2001:db8:251::1", V6(await scope.Client.CreateAsync("vsvip", DualStackVip("takes-v6", "V6_ONLY"))));
    }

    [Fact]
    public async Task A_requested_ipv6_address_is_reserved_and_refused_outside_the_range_or_when_taken()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var body = DualStackVip("pinned", "V6_ONLY");
        body["vip"]![0]!["ip6_address"] = new JsonObject { ["addr"] = "2001:db8:251::32", ["type"] = "V6" };
        Assert.Equal("2001:db8:251::32", V6(await scope.Client.CreateAsync("vsvip", body)));

        var clash = DualStackVip("clash", "V6_ONLY");
        clash["vip"]![0]!["ip6_address"] = new JsonObject { ["addr"] = "2001:db8:251::32", ["type"] = "V6" };
        var conflict = await scope.Client.PostAsync("/api/vsvip", clash);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("IP 2001:db8:251::32 in network alb-vip is already allocated to pinned", conflict.Error);

        var outside = DualStackVip("outside", "V6_ONLY");
        outside["vip"]![0]!["ip6_address"] = new JsonObject { ["addr"] = "2001:db8:251::ffff", ["type"] = "V6" };
        var refused = await scope.Client.PostAsync("/api/vsvip", outside);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("IP 2001:db8:251::ffff is not in the VIP ranges of network alb-vip", refused.Error);
    }

    [Fact]
    public async Task A_network_without_an_ipv6_subnet_refuses_an_ipv6_vip_and_names_the_fix()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = ProfileWithoutIpv6() });
        var refused = await scope.Client.PostAsync("/api/vsvip", Without(DualStackVip("v6", "V4_V6"), "subnet6"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Network alb-vip has no IPv6 subnet to allocate vip[0] (auto_allocate_ip_type V4_V6) from: add an IPv6 prefix " +
                     "with a STATIC_IPS_FOR_VIP range to its configured_subnets, or ask V4_ONLY", refused.Error);
        var named = await scope.Client.PostAsync("/api/vsvip", DualStackVip("v6", "V6_ONLY"));
        Assert.Equal(HttpStatusCode.BadRequest, named.Status);
        Assert.Equal("Subnet 2001:db8:251::/64 in field 'vip[0].ipam_network_subnet.subnet6' is not configured in network alb-vip", named.Error);
        // Nothing was allocated by the refused writes.
        Assert.Equal("172.16.251.1", V4(await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v4"))));
    }

    [Theory]
    [InlineData("\"V6\"", "Invalid choice \"V6\" for field 'vip[0].auto_allocate_ip_type' (one of V4_ONLY, V6_ONLY, V4_V6)")]
    [InlineData("true", "Invalid choice true for field 'vip[0].auto_allocate_ip_type' (one of V4_ONLY, V6_ONLY, V4_V6)")]
    public async Task An_unknown_ip_type_is_refused(string json, string message)
    {
        await using var scope = await SimulatorScope.StartAsync();
        var body = Bodies.VsVip("bad");
        body["vip"]![0]!["auto_allocate_ip_type"] = JsonNode.Parse(json);
        var refused = await scope.Client.PostAsync("/api/vsvip", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(message, refused.Error);
    }

    [Fact]
    public async Task An_ipv6_address_in_ip_address_is_refused_naming_ip6_address()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var body = Bodies.VsVip("misplaced");
        body["vip"]![0]!["ip_address"] = new JsonObject { ["addr"] = "2001:db8:251::5", ["type"] = "V6" };
        var refused = await scope.Client.PostAsync("/api/vsvip", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Field 'vip[0].ip_address' holds IPv6 address 2001:db8:251::5; an IPv6 VIP goes in vip[0].ip6_address", refused.Error);
    }

    private static JsonObject Without(JsonObject body, string subnetField)
    {
        body["vip"]![0]!["ipam_network_subnet"]!.AsObject().Remove(subnetField);
        return body;
    }

    /// <summary>The default profile with alb-vip's IPv6 subnet removed (an IPv4-only VIP network).</summary>
    private static SeedProfile ProfileWithoutIpv6()
    {
        var profile = SeedProfile.Default;
        var objects = profile.Objects.Select(o =>
        {
            if (o.Type != "network" || o.Body["name"]?.GetValue<string>() != "alb-vip")
            {
                return o;
            }
            var body = (JsonObject)o.Body.DeepClone();
            var subnets = body["configured_subnets"]!.AsArray();
            subnets.RemoveAt(1);
            return o with { Body = body };
        }).ToList();
        return profile with { Objects = objects };
    }
}
