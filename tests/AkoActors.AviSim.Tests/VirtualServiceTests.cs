using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class VirtualServiceTests
{
    [Fact]
    public async Task A_vs_carries_the_vip_of_its_vsvip_and_follows_vsvip_changes()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("c1--default-nginx1"));
        var vs = await scope.Client.CreateAsync("virtualservice", Bodies.VirtualService("c1--default-nginx1", "c1--default-nginx1"));
        Assert.Equal("172.16.251.1", vs["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
        Assert.StartsWith(scope.Sim.HttpUrl + "/api/vrfcontext/", vs["vrf_context_ref"]!.GetValue<string>());
        Assert.StartsWith(scope.Sim.HttpUrl + "/api/networkprofile/", vs["network_profile_ref"]!.GetValue<string>());
        var listed = (await scope.Client.GetAsync("/api/virtualservice?name=c1--default-nginx1")).Object["results"]![0]!;
        Assert.Equal("172.16.251.1", listed["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_parent_lists_its_sni_children_in_vh_child_vs_uuid_as_they_come_and_go()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        await client.CreateAsync("vsvip", Bodies.VsVip("c1--Shared-L7-0"));
        var parent = await client.CreateAsync("virtualservice", Bodies.VirtualService("c1--Shared-L7-0", "c1--Shared-L7-0", "VS_TYPE_VH_PARENT"));
        Assert.False(parent.ContainsKey("vh_child_vs_uuid"));
        JsonObject Child(string host) => new()
        {
            ["name"] = $"c1--{host}",
            ["type"] = "VS_TYPE_VH_CHILD",
            ["vh_parent_vs_ref"] = "/api/virtualservice/?name=c1--Shared-L7-0",
            ["vh_domain_name"] = new JsonArray(host),
            ["application_profile_ref"] = "/api/applicationprofile/?name=System-Secure-HTTP",
        };
        var a = await client.CreateAsync("virtualservice", Child("a.ako.example.com"));
        var b = await client.CreateAsync("virtualservice", Child("b.ako.example.com"));
        var withChildren = await client.GetAsync($"/api/virtualservice/{parent["uuid"]}");
        Assert.Equal([a["uuid"]!.GetValue<string>(), b["uuid"]!.GetValue<string>()],
            withChildren.Object["vh_child_vs_uuid"]!.AsArray().Select(u => u!.GetValue<string>()));
        var refused = await client.DeleteAsync($"/api/virtualservice/{parent["uuid"]}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        await client.DeleteAsync($"/api/virtualservice/{a["uuid"]}");
        var oneLeft = await client.GetAsync($"/api/virtualservice/{parent["uuid"]}");
        Assert.Equal([b["uuid"]!.GetValue<string>()], oneLeft.Object["vh_child_vs_uuid"]!.AsArray().Select(u => u!.GetValue<string>()));
        // A client PUT of the parent cannot overwrite the server-owned list.
        var put = (JsonObject)oneLeft.Object.DeepClone();
        put["vh_child_vs_uuid"] = new JsonArray("virtualservice-bogus");
        var afterPut = await client.PutAsync($"/api/virtualservice/{parent["uuid"]}", put);
        Assert.Equal(HttpStatusCode.OK, afterPut.Status);
        Assert.Equal([b["uuid"]!.GetValue<string>()], afterPut.Object["vh_child_vs_uuid"]!.AsArray().Select(u => u!.GetValue<string>()));
    }

    [Fact]
    public async Task A_child_needs_a_parent_of_type_vh_parent()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("normal"));
        await scope.Client.CreateAsync("virtualservice", Bodies.VirtualService("normal", "normal"));
        var response = await scope.Client.PostAsync("/api/virtualservice", new JsonObject
        {
            ["name"] = "child", ["type"] = "VS_TYPE_VH_CHILD", ["vh_parent_vs_ref"] = "/api/virtualservice/?name=normal",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("VS_TYPE_VH_PARENT", response.Error);
    }
}
