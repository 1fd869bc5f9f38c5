using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public partial class ObjectSemanticsTests
{
    [Fact]
    public async Task Post_returns_201_with_uuid_url_tenant_ref_and_last_modified_filled_by_the_server()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var response = await scope.Client.PostAsync("/api/pool", Bodies.Pool("web-pool", serverIps: "10.244.3.5"));
        Assert.Equal(HttpStatusCode.Created, response.Status);
        var pool = response.Object;
        var uuid = pool["uuid"]!.GetValue<string>();
        Assert.Matches(UuidPattern("pool"), uuid);
        Assert.Equal($"{scope.Sim.HttpUrl}/api/pool/{uuid}", pool["url"]!.GetValue<string>());
        Assert.Equal($"{scope.Sim.HttpUrl}/api/tenant/admin", pool["tenant_ref"]!.GetValue<string>());
        Assert.Matches("^[0-9]{16}$", pool["_last_modified"]!.GetValue<string>());
        Assert.StartsWith($"{scope.Sim.HttpUrl}/api/healthmonitor/healthmonitor-", pool["health_monitor_refs"]![0]!.GetValue<string>());
        Assert.StartsWith($"{scope.Sim.HttpUrl}/api/cloud/cloud-", pool["cloud_ref"]!.GetValue<string>());
        var fetched = await scope.Client.GetAsync($"/api/pool/{uuid}");
        Assert.True(JsonNode.DeepEquals(pool, fetched.Object));
    }

    [Fact]
    public async Task A_pool_or_vs_naming_no_analytics_profile_gets_the_controllers_as_a_controller_fills_it_in()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var pool = await scope.Client.CreateAsync("pool", Bodies.Pool("plain"));
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("c1--default-web"));
        var vs = await scope.Client.CreateAsync("virtualservice", Bodies.VirtualService("c1--default-web", "c1--default-web"));

        var profile = (await scope.Client.GetAsync("/api/analyticsprofile?name=System-Analytics-Profile")).Object["results"]![0]!["uuid"]!.GetValue<string>();
        Assert.EndsWith($"/api/analyticsprofile/{profile}", pool["analytics_profile_ref"]!.GetValue<string>());
        Assert.EndsWith($"/api/analyticsprofile/{profile}", vs["analytics_profile_ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_fields_and_opaque_strings_are_kept_and_returned_verbatim()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var body = Bodies.Pool("p");
        body["future_field"] = new JsonObject { ["nested"] = new JsonArray(1, 2.5, "x", true, null) };
        body["cloud_config_cksum"] = "a4aee970d1ebcd85266d4dc085066b7f";
        var created = await scope.Client.CreateAsync("pool", body);
        Assert.Equal("""{"nested":[1,2.5,"x",true,null]}""", created["future_field"]!.ToJsonString());
        Assert.Equal("a4aee970d1ebcd85266d4dc085066b7f", created["cloud_config_cksum"]!.GetValue<string>());
        Assert.Equal("{\"namespace_svc_name\":[\"default/web\"]}", created["service_metadata"]!.GetValue<string>());
        Assert.Equal("""[{"key":"clustername","values":["c1"]}]""", created["markers"]!.ToJsonString());
    }

    [Fact]
    public async Task Same_name_in_the_same_tenant_is_409_already_exists()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("pool", Bodies.Pool("dup"));
        var second = await scope.Client.PostAsync("/api/pool", Bodies.Pool("dup"));
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.EndsWith("already exists", second.Error);
    }

    [Fact]
    public async Task Put_with_a_stale_last_modified_is_412_need_to_reload_and_keeps_the_newer_version()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var pool = await scope.Client.CreateAsync("pool", Bodies.Pool("p"));
        var stale = pool["_last_modified"]!.GetValue<string>();
        var first = (JsonObject)pool.DeepClone();
        first["default_server_port"] = 81;
        var updated = await scope.Client.PutAsync($"/api/pool/{pool["uuid"]}", first);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.True(long.Parse(updated.Object["_last_modified"]!.GetValue<string>()) > long.Parse(stale));
        var second = (JsonObject)pool.DeepClone();
        second["default_server_port"] = 82;
        var conflict = await scope.Client.PutAsync($"/api/pool/{pool["uuid"]}", second);
        Assert.Equal(HttpStatusCode.PreconditionFailed, conflict.Status);
        Assert.Equal("Need to reload object data Pool", conflict.Error);
        var now = await scope.Client.GetAsync($"/api/pool/{pool["uuid"]}");
        Assert.Equal(81, now.Object["default_server_port"]!.GetValue<int>());
    }

    [Fact]
    public async Task Put_without_last_modified_lets_the_last_writer_win_and_replaces_the_body()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var body = Bodies.Pool("p");
        body["extra"] = "gone after replace";
        var pool = await scope.Client.CreateAsync("pool", body);
        var replacement = Bodies.Pool("p", serverIps: "10.0.0.9");
        var put = await scope.Client.PutAsync($"/api/pool/{pool["uuid"]}", replacement);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.False(put.Object.ContainsKey("extra"));
        Assert.Equal("10.0.0.9", put.Object["servers"]![0]!["ip"]!["addr"]!.GetValue<string>());
        Assert.Equal(pool["uuid"]!.GetValue<string>(), put.Object["uuid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_objects_are_404_type_object_not_found()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var get = await scope.Client.GetAsync("/api/virtualservice/virtualservice-00000000-0000-0000-0000-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, get.Status);
        Assert.Equal("VirtualService object not found!", get.Error);
        var put = await scope.Client.PutAsync("/api/vsvip/vsvip-nope", Bodies.VsVip("x"));
        Assert.Equal("VsVip object not found!", put.Error);
        var delete = await scope.Client.DeleteAsync("/api/pool/pool-nope");
        Assert.Equal(HttpStatusCode.NotFound, delete.Status);
        Assert.Equal("Pool object not found!", delete.Error);
    }

    [Fact]
    public async Task Delete_is_204_and_the_object_is_gone()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var pool = await scope.Client.CreateAsync("pool", Bodies.Pool("p"));
        var delete = await scope.Client.DeleteAsync($"/api/pool/{pool["uuid"]}");
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scope.Client.GetAsync($"/api/pool/{pool["uuid"]}")).Status);
    }

    [Fact]
    public async Task Last_modified_strictly_increases_across_writes()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var seen = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            var pool = await scope.Client.CreateAsync("pool", Bodies.Pool($"p{i}"));
            seen.Add(long.Parse(pool["_last_modified"]!.GetValue<string>()));
        }
        Assert.Equal(seen.OrderBy(x => x), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Patch_adds_and_deletes_static_routes_by_route_id()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var vrf = (await scope.Client.GetAsync("/api/vrfcontext?name=global")).Object["results"]![0]!;
        var uuid = vrf["uuid"]!.GetValue<string>();
        var add = await scope.Client.PatchAsync($"/api/vrfcontext/{uuid}", new JsonObject
        {
            ["add"] = new JsonObject { ["static_routes"] = new JsonArray(Route("c1-1", "10.244.3.0", "172.16.250.21")) },
        });
        Assert.Equal(HttpStatusCode.OK, add.Status);
        Assert.Single(add.Object["static_routes"]!.AsArray());
        var delete = await scope.Client.PatchAsync($"/api/vrfcontext/{uuid}", new JsonObject
        {
            ["delete"] = new JsonObject { ["static_routes"] = new JsonArray(new JsonObject { ["route_id"] = "c1-1" }) },
        });
        Assert.Empty(delete.Object["static_routes"]!.AsArray());
    }

    [Fact]
    public async Task Static_routes_are_stored_exactly_as_given()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var vrf = (await scope.Client.GetAsync("/api/vrfcontext?name=global")).Object["results"]![0]!.AsObject();
        var route = Route("avi-cluster-1", "10.244.3.0", "172.16.250.21");
        route["labels"] = new JsonArray(new JsonObject { ["key"] = "clustername", ["value"] = "avi-cluster" });
        vrf["static_routes"] = new JsonArray(route);
        var put = await scope.Client.PutAsync($"/api/vrfcontext/{vrf["uuid"]}", vrf);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.True(JsonNode.DeepEquals(route, put.Object["static_routes"]![0]));
    }

    internal static JsonObject Route(string id, string prefix, string nextHop, int mask = 24) => new()
    {
        ["route_id"] = id,
        ["prefix"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = prefix, ["type"] = "V4" }, ["mask"] = mask },
        ["next_hop"] = new JsonObject { ["addr"] = nextHop, ["type"] = "V4" },
    };

    internal static string UuidPattern(string type) => $"^{type}-[0-9a-f]{{8}}-[0-9a-f]{{4}}-4[0-9a-f]{{3}}-[89ab][0-9a-f]{{3}}-[0-9a-f]{{12}}$";
}
