using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class IpamTests
{
    private static string Vip(JsonObject vsvip) => vsvip["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>();

    /// <summary>The default profile with alb-vip's VIP range narrowed to .1-.3, to reach exhaustion quickly.</summary>
    private static SeedProfile ProfileWithThreeVips()
    {
        var profile = SeedProfile.Default;
        var objects = profile.Objects.Select(o =>
        {
            if (o.Type != "network" || o.Body["name"]?.GetValue<string>() != "alb-vip")
            {
                return o;
            }
            var body = (JsonObject)o.Body.DeepClone();
            body["configured_subnets"]![0]!["static_ip_ranges"]![0]!["range"]!["end"]!["addr"] = "172.16.251.3";
            return o with { Body = body };
        }).ToList();
        return profile with { Objects = objects };
    }

    [Fact]
    public async Task A_vsvip_post_gets_the_lowest_free_vip_synchronously_in_the_response()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var first = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("c1--default-nginx1"));
        var second = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("c1--default-nginx2"));
        Assert.Equal("172.16.251.1", Vip(first));
        Assert.Equal("172.16.251.2", Vip(second));
        Assert.Equal("V4", first["vip"]![0]!["ip_address"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exhausted_ranges_answer_no_available_free_ips_and_a_delete_frees_the_address()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = ProfileWithThreeVips() });
        var created = new List<JsonObject>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await scope.Client.CreateAsync("vsvip", Bodies.VsVip($"v{i}")));
        }
        var exhausted = await scope.Client.PostAsync("/api/vsvip", Bodies.VsVip("v3"));
        Assert.Equal(HttpStatusCode.BadRequest, exhausted.Status);
        Assert.Equal("No available free IPs in network alb-vip", exhausted.Error);
        Assert.Equal(HttpStatusCode.NoContent, (await scope.Client.DeleteAsync($"/api/vsvip/{created[1]["uuid"]}")).Status);
        var reused = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v3"));
        Assert.Equal("172.16.251.2", Vip(reused));
    }

    [Fact]
    public async Task A_requested_address_is_reserved_and_a_second_claim_is_a_409()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var body = Bodies.VsVip("lb-ip");
        body["vip"]![0]!["ip_address"] = new JsonObject { ["addr"] = "172.16.251.50", ["type"] = "V4" };
        var reserved = await scope.Client.CreateAsync("vsvip", body);
        Assert.Equal("172.16.251.50", Vip(reserved));
        var clash = Bodies.VsVip("lb-ip-2");
        clash["vip"]![0]!["ip_address"] = new JsonObject { ["addr"] = "172.16.251.50", ["type"] = "V4" };
        var conflict = await scope.Client.PostAsync("/api/vsvip", clash);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Contains("already allocated to lb-ip", conflict.Error);
        var outside = Bodies.VsVip("lb-ip-3");
        outside["vip"]![0]!["ip_address"] = new JsonObject { ["addr"] = "172.16.251.200", ["type"] = "V4" };
        var refused = await scope.Client.PostAsync("/api/vsvip", outside);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("not in the VIP ranges of network alb-vip", refused.Error);
        // Auto allocation skips the reserved address.
        for (var i = 1; i < 50; i++)
        {
            Assert.NotEqual("172.16.251.50", Vip(await scope.Client.CreateAsync("vsvip", Bodies.VsVip($"auto{i}"))));
        }
        Assert.Equal("172.16.251.51", Vip(await scope.Client.CreateAsync("vsvip", Bodies.VsVip("auto50"))));
    }

    [Fact]
    public async Task The_vip_stays_the_same_across_puts_that_omit_the_address()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("first"));
        var vsvip = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("second", "a.ako.example.com"));
        Assert.Equal("172.16.251.2", Vip(vsvip));
        var put = await scope.Client.PutAsync($"/api/vsvip/{vsvip["uuid"]}", Bodies.VsVip("second", "a.ako.example.com", "b.ako.example.com"));
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("172.16.251.2", Vip(put.Object));
        Assert.Equal(2, put.Object["dns_info"]!.AsArray().Count);
        var third = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("third"));
        Assert.Equal("172.16.251.3", Vip(third));
    }

    [Fact]
    public async Task Changing_the_vip_id_or_the_preferred_address_of_an_existing_vip_is_refused()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var vsvip = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v"));
        var renamed = Bodies.VsVip("v");
        renamed["vip"]![0]!["vip_id"] = "1";
        var idChange = await scope.Client.PutAsync($"/api/vsvip/{vsvip["uuid"]}", renamed);
        Assert.Equal(HttpStatusCode.BadRequest, idChange.Status);
        Assert.Equal("Changing an existing VIP's vip_id is not supported", idChange.Error);
        var moved = Bodies.VsVip("v");
        moved["vip"]![0]!["ip_address"] = new JsonObject { ["addr"] = "172.16.251.9", ["type"] = "V4" };
        var addressChange = await scope.Client.PutAsync($"/api/vsvip/{vsvip["uuid"]}", moved);
        Assert.Equal(HttpStatusCode.BadRequest, addressChange.Status);
        Assert.Equal("If a new preferred IP is needed, please recreate the VIP", addressChange.Error);
        Assert.Equal("172.16.251.1", Vip((await scope.Client.GetAsync($"/api/vsvip/{vsvip["uuid"]}")).Object));
    }

    [Fact]
    public async Task A_vip_without_a_network_ref_is_allocated_from_the_cloud_ipam_profile()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var vsvip = await scope.Client.CreateAsync("vsvip", new JsonObject
        {
            ["name"] = "bare",
            ["vip"] = new JsonArray(new JsonObject { ["vip_id"] = "0", ["auto_allocate_ip"] = true }),
        });
        Assert.Equal("172.16.251.1", Vip(vsvip));
        Assert.Contains("/api/network/network-", vsvip["vip"]![0]!["discovered_networks"]![0]!["network_ref"]!.GetValue<string>());
    }
}
