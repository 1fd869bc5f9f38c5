using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

/// <summary>A vsvip entry's <c>auto_allocate_floating_ip</c>, which AKO writes for an AviInfraSetting's
/// <c>network.enablePublicIP</c> on public clouds: on a public cloud (the cloud's <c>vtype</c> AWS, Azure, GCP, OpenStack) the
/// controller allocates a public <c>floating_ip</c> beside the VIP (here from 198.51.100.0/24, data only), the same one across
/// PUTs, released when a PUT no longer asks for it or the vsvip is deleted; elsewhere the flag is held and nothing allocated.
/// A flag that is not a boolean is refused.</summary>
public class FloatingIpTests
{
    internal static SeedProfile OnCloud(string vtype)
    {
        var profile = SeedProfile.Default;
        return profile with
        {
            Objects = [.. profile.Objects.Select(o =>
            {
                if (o.Type != "cloud") return o;
                var body = (JsonObject)o.Body.DeepClone();
                body["vtype"] = vtype;
                return o with { Body = body };
            })],
        };
    }

    private static JsonObject Asking(string name, JsonNode? flag)
    {
        var body = Bodies.VsVip(name);
        body["vip"]![0]!["auto_allocate_floating_ip"] = flag;
        return body;
    }

    private static string? FloatingIp(JsonObject vsvip) => vsvip["vip"]![0]!["floating_ip"]?["addr"]?.GetValue<string>();

    [Fact]
    public async Task On_a_public_cloud_a_floating_ip_is_allocated_kept_across_puts_and_released_when_no_longer_asked_for()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = OnCloud("CLOUD_GCP") });

        var first = await scope.Client.CreateAsync("vsvip", Asking("c1--default-web", true));
        var second = await scope.Client.CreateAsync("vsvip", Asking("c1--default-db", true));

        Assert.Equal("198.51.100.1", FloatingIp(first));
        Assert.Equal("198.51.100.2", FloatingIp(second));
        Assert.True(first["vip"]![0]!["avi_allocated_fip"]!.GetValue<bool>());
        Assert.Equal("172.16.251.1", first["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());

        var again = await scope.Client.PutAsync($"/api/vsvip/{first["uuid"]}", first.DeepClone());
        Assert.Equal("198.51.100.1", FloatingIp(again.Object));

        var off = (JsonObject)again.Object.DeepClone();
        off["vip"]![0]!["auto_allocate_floating_ip"] = false;
        var released = await scope.Client.PutAsync($"/api/vsvip/{first["uuid"]}", off);
        Assert.Equal(HttpStatusCode.OK, released.Status);
        Assert.Null(FloatingIp(released.Object));
        Assert.False(released.Object["vip"]![0]!["avi_allocated_fip"]!.GetValue<bool>());
        Assert.Equal("172.16.251.1", released.Object["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());

        // The released address is the lowest free one again; a deleted vsvip's is released too.
        var third = await scope.Client.CreateAsync("vsvip", Asking("c1--default-cache", true));
        Assert.Equal("198.51.100.1", FloatingIp(third));
        Assert.Equal(HttpStatusCode.NoContent, (await scope.Client.DeleteAsync($"/api/vsvip/{second["uuid"]}")).Status);
        Assert.Equal("198.51.100.2", FloatingIp(await scope.Client.CreateAsync("vsvip", Asking("c1--default-queue", true))));
    }

    [Fact]
    public async Task On_a_private_cloud_the_flag_is_held_and_no_floating_ip_allocated()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null });

        var created = await scope.Client.CreateAsync("vsvip", Asking("c1--default-web", true));

        Assert.True(created["vip"]![0]!["auto_allocate_floating_ip"]!.GetValue<bool>());
        Assert.Null(FloatingIp(created));
        Assert.False(created["vip"]![0]!["avi_allocated_fip"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_flag_that_is_not_a_boolean_is_refused_and_changes_nothing()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = OnCloud("CLOUD_AWS") });
        var before = scope.Sim.Simulator.DumpState().ToJsonString();

        var response = await scope.Client.PostAsync("/api/vsvip", Asking("c1--default-web", "yes"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Field 'vip[0].auto_allocate_floating_ip' must be a boolean", response.Error);
        Assert.Equal(before, scope.Sim.Simulator.DumpState().ToJsonString());
    }
}
