using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

/// <summary>A vsvip or pool on an NSX-T tier-1 router (<c>tier1_lr</c>, as AKO writes an AviInfraSetting's
/// <c>nsxSettings.t1lr</c>, with no VRF): it gets the router's VRF, the cloud's VRF whose <c>attrs</c> hold
/// <c>tier1path</c> = the router (how AKO itself finds it), and a VS without a VRF gets its vsvip's (an SNI child its parent's). Refused: a router the
/// cloud has no VRF for, a cloud that is not NSX-T, and a VRF that is not the router's.</summary>
public class Tier1RouterTests
{
    private const string Red = "/infra/tier1/red";

    /// <summary>The default profile with Default-Cloud of vtype CLOUD_NSXT and the VRF <c>t1-red</c> of router <see cref="Red"/>.</summary>
    private static SeedProfile NsxT(string vtype = "CLOUD_NSXT")
    {
        var profile = SeedProfile.Default;
        var vrf = new SeedObject("vrfcontext", new JsonObject
        {
            ["name"] = "t1-red",
            ["cloud_ref"] = "/api/cloud/?name=Default-Cloud",
            ["attrs"] = new JsonArray(new JsonObject { ["key"] = "tier1path", ["value"] = Red }),
        });
        return profile with
        {
            Objects = [.. profile.Objects.Select(o =>
            {
                if (o.Type != "cloud") return o;
                var body = (JsonObject)o.Body.DeepClone();
                body["vtype"] = vtype;
                return o with { Body = body };
            }), vrf],
        };
    }

    private static JsonObject OnRouter(JsonObject body, string tier1, string vrfField)
    {
        body.Remove(vrfField);
        body["tier1_lr"] = tier1;
        return body;
    }

    private static string VrfName(JsonObject stored, string field) => stored[field]!.GetValue<string>().Split('#')[^1];

    [Fact]
    public async Task A_vsvip_and_a_pool_on_a_router_get_its_vrf_a_vs_its_vsvips_and_an_sni_child_its_parents()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = NsxT() });

        var vsvip = await scope.Client.CreateAsync("vsvip", OnRouter(Bodies.VsVip("c1--default-web"), Red, "vrf_context_ref"));
        var pool = await scope.Client.CreateAsync("pool", OnRouter(Bodies.Pool("c1--default-web-TCP-80"), Red, "vrf_ref"));
        var vs = Bodies.VirtualService("c1--default-web", "c1--default-web", "VS_TYPE_VH_PARENT");
        vs.Remove("vrf_context_ref");
        var created = await scope.Client.CreateAsync("virtualservice", vs);

        var read = (await scope.Client.GetAsync($"/api/vsvip/{vsvip["uuid"]}?include_name")).Object;
        Assert.Equal((Red, "t1-red"), (read["tier1_lr"]!.GetValue<string>(), VrfName(read, "vrf_context_ref")));
        Assert.Equal("t1-red", VrfName((await scope.Client.GetAsync($"/api/pool/{pool["uuid"]}?include_name")).Object, "vrf_ref"));
        Assert.Equal("t1-red", VrfName((await scope.Client.GetAsync($"/api/virtualservice/{created["uuid"]}?include_name")).Object, "vrf_context_ref"));
        var child = new JsonObject
        {
            ["name"] = "c1--shop.ako.example.com",
            ["type"] = "VS_TYPE_VH_CHILD",
            ["vh_parent_vs_ref"] = $"/api/virtualservice/{created["uuid"]}",
            ["cloud_ref"] = "/api/cloud/?name=Default-Cloud",
            ["vh_domain_name"] = new JsonArray("shop.ako.example.com"),
        };
        var sni = await scope.Client.CreateAsync("virtualservice", child);
        Assert.Equal("t1-red", VrfName((await scope.Client.GetAsync($"/api/virtualservice/{sni["uuid"]}?include_name")).Object, "vrf_context_ref"));
    }

    [Theory]
    [InlineData("CLOUD_NSXT", "/infra/tier1/blue", null, "Tier1 logical router /infra/tier1/blue is not configured in cloud Default-Cloud")]
    [InlineData("CLOUD_VCENTER", Red, null, "tier1_lr /infra/tier1/red is only supported in an NSX-T cloud")]
    [InlineData("CLOUD_NSXT", Red, "/api/vrfcontext/?name=global", "Field 'vrf_context_ref' must be the VRF of tier1_lr /infra/tier1/red (t1-red)")]
    public async Task A_router_the_cloud_cannot_place_is_refused_and_changes_nothing(string vtype, string tier1, string? vrf, string error)
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = NsxT(vtype) });
        var before = scope.Sim.Simulator.DumpState().ToJsonString();
        var body = OnRouter(Bodies.VsVip("c1--default-web"), tier1, "vrf_context_ref");
        if (vrf is not null) body["vrf_context_ref"] = vrf;

        var response = await scope.Client.PostAsync("/api/vsvip", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith(error, response.Error, StringComparison.Ordinal);
        Assert.Equal(before, scope.Sim.Simulator.DumpState().ToJsonString());
    }
}
