using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class ReferenceTests
{
    [Theory]
    [InlineData("/api/pool/?name=web")]
    [InlineData("/api/pool?name=web")]
    [InlineData("uuid")]
    [InlineData("full-url")]
    public async Task Every_ref_form_resolves_and_is_stored_as_a_full_url(string form)
    {
        await using var scope = await SimulatorScope.StartAsync();
        var pool = await scope.Client.CreateAsync("pool", Bodies.Pool("web"));
        var uuid = pool["uuid"]!.GetValue<string>();
        var reference = form switch
        {
            "uuid" => $"/api/pool/{uuid}",
            "full-url" => $"https://avi-controller.example/api/pool/{uuid}#web",
            _ => form,
        };
        var group = await scope.Client.CreateAsync("poolgroup", new JsonObject
        {
            ["name"] = "pg",
            ["members"] = new JsonArray(new JsonObject { ["pool_ref"] = reference, ["ratio"] = 100 }),
        });
        Assert.Equal($"{scope.Sim.HttpUrl}/api/pool/{uuid}", group["members"]![0]!["pool_ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task Name_refs_resolve_in_the_request_tenant_first_then_in_admin()
    {
        var profile = SeedProfile.Default with { Tenants = ["red"] };
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = profile });
        var client = scope.Client;
        var adminPool = await client.CreateAsync("pool", Bodies.Pool("shared-name"));
        client.Tenant = "red";
        var redPool = await client.CreateAsync("pool", Bodies.Pool("shared-name"));
        Assert.NotEqual(adminPool["uuid"]!.GetValue<string>(), redPool["uuid"]!.GetValue<string>());
        Assert.EndsWith("/api/tenant/" + (await client.GetAsync("/api/tenant?name=red")).Object["results"]![0]!["uuid"], redPool["tenant_ref"]!.GetValue<string>());
        var group = await client.CreateAsync("poolgroup", new JsonObject
        {
            ["name"] = "pg",
            ["members"] = new JsonArray(new JsonObject { ["pool_ref"] = "/api/pool/?name=shared-name" }),
        });
        Assert.EndsWith(redPool["uuid"]!.GetValue<string>(), group["members"]![0]!["pool_ref"]!.GetValue<string>());
        // System objects live in admin and resolve from red by name.
        Assert.Contains("/api/cloud/cloud-", redPool["cloud_ref"]!.GetValue<string>());
        Assert.Contains("/api/healthmonitor/healthmonitor-", redPool["health_monitor_refs"]![0]!.GetValue<string>());
        // A red object is not visible from admin.
        client.Tenant = "admin";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/pool/{redPool["uuid"]}")).Status);
    }

    [Fact]
    public async Task A_poolgroup_member_that_does_not_exist_is_404_pool_object_not_found()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var response = await scope.Client.PostAsync("/api/poolgroup", new JsonObject
        {
            ["name"] = "pg",
            ["members"] = new JsonArray(new JsonObject { ["pool_ref"] = "/api/pool/?name=missing" }),
        });
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Pool object not found!", response.Error);
    }

    [Fact]
    public async Task Deleting_an_object_still_referred_to_is_refused_until_the_referrer_is_gone()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        var pool = await client.CreateAsync("pool", Bodies.Pool("web"));
        var group = await client.CreateAsync("poolgroup", new JsonObject
        {
            ["name"] = "pg",
            ["members"] = new JsonArray(new JsonObject { ["pool_ref"] = "/api/pool/?name=web" }),
        });
        var refused = await client.DeleteAsync($"/api/pool/{pool["uuid"]}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Cannot delete, object is referred by: ['PoolGroup:pg']", refused.Error);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/pool/{pool["uuid"]}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/poolgroup/{group["uuid"]}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/pool/{pool["uuid"]}")).Status);
    }

    [Fact]
    public async Task A_vs_tree_deletes_in_reverse_dependency_order()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        var vsvip = await client.CreateAsync("vsvip", Bodies.VsVip("c1--default-web"));
        var pool = await client.CreateAsync("pool", Bodies.Pool("c1--default-web-TCP-80"));
        var l4 = await client.CreateAsync("l4policyset", new JsonObject
        {
            ["name"] = "c1--default-web",
            ["l4_connection_policy"] = new JsonObject
            {
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["name"] = "r0", ["index"] = 0,
                    ["match"] = new JsonObject { ["port"] = new JsonObject { ["match_criteria"] = "IS_IN", ["ports"] = new JsonArray(80) } },
                    ["action"] = new JsonObject
                    {
                        ["select_pool"] = new JsonObject { ["action_type"] = "L4_RULE_ACTION_SELECT_POOL", ["pool_ref"] = "/api/pool/?name=c1--default-web-TCP-80" },
                    },
                }),
            },
        });
        var vsBody = Bodies.VirtualService("c1--default-web", "c1--default-web");
        vsBody["l4_policies"] = new JsonArray(new JsonObject { ["index"] = 0, ["l4_policy_set_ref"] = "/api/l4policyset/?name=c1--default-web" });
        var vs = await client.CreateAsync("virtualservice", vsBody);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.DeleteAsync($"/api/vsvip/{vsvip["uuid"]}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.DeleteAsync($"/api/l4policyset/{l4["uuid"]}")).Status);
        foreach (var (type, obj) in new[] { ("virtualservice", vs), ("vsvip", vsvip), ("l4policyset", l4), ("pool", pool) })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/{type}/{obj["uuid"]}")).Status);
        }
    }
}
