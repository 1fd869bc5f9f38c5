using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

/// <summary>Tenants as a controller models them, through the HTTP API: objects and name uniqueness per tenant,
/// <c>X-Avi-Tenant</c> scoping (<c>*</c> for reads only), refs that stay inside a tenant except for admin's shared
/// objects, users whose roles cover only some tenants, and IPAM shared by every tenant.</summary>
public class TenantTests
{
    /// <summary>Assumed controller texts (not recorded from a real controller; see the README): Django REST
    /// framework's permission-denied text for a tenant the user has no role in.</summary>
    private const string PermissionDenied = "You do not have permission to perform this action.";

    private static Task<SimulatorScope> StartWithTenantsAsync(params string[] tenants) =>
        SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, DnsPort = null, Profile = SeedProfile.Default with { Tenants = tenants } });

    [Fact]
    public async Task Tenants_are_created_listed_fetched_and_deleted_like_other_objects()
    {
        await using var scope = await StartWithTenantsAsync();
        var client = scope.Client;
        var created = await client.CreateAsync("tenant", new JsonObject { ["name"] = "team-a" });
        Assert.StartsWith("tenant-", created.Uuid());
        Assert.True(created["local"]!.GetValue<bool>());
        Assert.Null(created["tenant_ref"]); // a tenant belongs to no tenant, as in tenant_mock.json
        Assert.Equal($"{scope.Sim.HttpUrl}/api/tenant/{created.Uuid()}", created["url"]!.GetValue<string>());

        var list = await client.GetAsync("/api/tenant");
        Assert.Equal(["admin", "team-a"], list.Object["results"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Order());
        var admin = (await client.GetAsync("/api/tenant/admin")).Object;
        Assert.Equal("admin", admin["uuid"]!.GetValue<string>());
        Assert.True(admin["local"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/api/tenant", new JsonObject { ["name"] = "team-a" })).Status);
        var wildcard = await client.PostAsync("/api/tenant", new JsonObject { ["name"] = "*" });
        Assert.Equal(HttpStatusCode.BadRequest, wildcard.Status);
        Assert.Equal("A tenant cannot be named '*': X-Avi-Tenant '*' means every tenant", wildcard.Error);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/tenant/{created.Uuid()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/tenant/{created.Uuid()}")).Status);
        var deleteAdmin = await client.DeleteAsync("/api/tenant/admin");
        Assert.Equal(HttpStatusCode.BadRequest, deleteAdmin.Status);
        Assert.Equal("Cannot delete the admin tenant", deleteAdmin.Error);
    }

    [Fact]
    public async Task The_same_pool_name_may_exist_in_two_tenants_but_only_once_in_each()
    {
        await using var scope = await StartWithTenantsAsync("red", "blue");
        var client = scope.Client;
        client.Tenant = "red";
        var red = await client.CreateAsync("pool", Bodies.Pool("web"));
        var again = await client.PostAsync("/api/pool", Bodies.Pool("web"));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("Pool with name 'web' in tenant 'red' and this cloud already exists", again.Error);

        client.Tenant = "blue";
        var blue = await client.CreateAsync("pool", Bodies.Pool("web"));
        Assert.NotEqual(red.Uuid(), blue.Uuid());
        Assert.EndsWith($"/api/tenant/{await TenantUuid(client, "blue")}", blue["tenant_ref"]!.GetValue<string>());
        Assert.EndsWith($"/api/tenant/{await TenantUuid(client, "red")}", red["tenant_ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task X_Avi_Tenant_scopes_reads_and_writes_to_one_tenant()
    {
        await using var scope = await StartWithTenantsAsync("red", "blue");
        var client = scope.Client;
        client.Tenant = "red";
        var red = await client.CreateAsync("pool", Bodies.Pool("web"));
        await client.CreateAsync("pool", Bodies.Pool("api"));

        client.Tenant = "blue";
        await client.CreateAsync("pool", Bodies.Pool("web"));
        var blueList = (await client.GetAsync("/api/pool")).Object;
        Assert.Equal(1, blueList["count"]!.GetValue<int>());
        Assert.Equal(0, (await client.GetAsync("/api/pool?name=api")).Object["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/pool/{red.Uuid()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsync($"/api/pool/{red.Uuid()}", Bodies.Pool("web", "ako-c1", "10.0.0.9"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/pool/{red.Uuid()}")).Status);

        client.Tenant = "red";
        var stillThere = (await client.GetAsync($"/api/pool/{red.Uuid()}")).Object;
        Assert.Empty(stillThere["servers"]!.AsArray());
        Assert.Equal(2, (await client.GetAsync("/api/pool")).Object["count"]!.GetValue<int>());

        client.Tenant = "admin";
        Assert.Equal(0, (await client.GetAsync("/api/pool")).Object["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Star_reads_every_tenant_and_star_writes_are_refused()
    {
        await using var scope = await StartWithTenantsAsync("red", "blue");
        var client = scope.Client;
        client.Tenant = "red";
        var red = await client.CreateAsync("pool", Bodies.Pool("web"));
        client.Tenant = "blue";
        await client.CreateAsync("pool", Bodies.Pool("web"));

        client.Tenant = "*";
        var all = (await client.GetAsync("/api/pool?name=web")).Object;
        Assert.Equal(2, all["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/pool/{red.Uuid()}")).Status);

        var post = await client.PostAsync("/api/pool", Bodies.Pool("other"));
        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Equal("X-Avi-Tenant '*' is for reads only; send the name of one tenant to POST a Pool", post.Error);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsync($"/api/pool/{red.Uuid()}", Bodies.Pool("web"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.DeleteAsync($"/api/pool/{red.Uuid()}")).Status);
        Assert.Equal(2, (await client.GetAsync("/api/pool")).Object["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_ref_to_another_tenants_object_is_refused_as_not_found()
    {
        await using var scope = await StartWithTenantsAsync("red", "blue");
        var client = scope.Client;
        client.Tenant = "red";
        var redPool = await client.CreateAsync("pool", Bodies.Pool("web"));
        var redVip = await client.CreateAsync("vsvip", Bodies.VsVip("vip"));

        client.Tenant = "blue";
        var byUuid = await client.PostAsync("/api/poolgroup", new JsonObject
        {
            ["name"] = "pg",
            ["members"] = new JsonArray(new JsonObject { ["pool_ref"] = $"/api/pool/{redPool.Uuid()}" }),
        });
        Assert.Equal(HttpStatusCode.NotFound, byUuid.Status);
        Assert.Equal("Pool object not found!", byUuid.Error);

        var vs = Bodies.VirtualService("vs", "vip");
        vs["vsvip_ref"] = $"{scope.Sim.HttpUrl}/api/vsvip/{redVip.Uuid()}";
        var vsResponse = await client.PostAsync("/api/virtualservice", vs);
        Assert.Equal(HttpStatusCode.BadRequest, vsResponse.Status);
        Assert.StartsWith("VsVip object not found", vsResponse.Error);

        var byName = await client.PostAsync("/api/virtualservice", Bodies.VirtualService("vs", "vip"));
        Assert.Equal(HttpStatusCode.BadRequest, byName.Status);
        Assert.StartsWith("VsVip object not found", byName.Error);
        Assert.Equal(0, (await client.GetAsync("/api/virtualservice")).Object["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Admins_shared_objects_resolve_from_every_tenant_but_its_private_objects_do_not()
    {
        await using var scope = await StartWithTenantsAsync("red");
        var client = scope.Client;
        await client.CreateAsync("pool", Bodies.Pool("admin-only"));

        client.Tenant = "red";
        var vip = await client.CreateAsync("vsvip", Bodies.VsVip("vip"));
        Assert.Contains("/api/cloud/cloud-", vip["cloud_ref"]!.GetValue<string>());
        Assert.Contains("/api/vrfcontext/vrfcontext-", vip["vrf_context_ref"]!.GetValue<string>());
        var vs = await client.CreateAsync("virtualservice", Bodies.VirtualService("vs", "vip"));
        Assert.Contains("/api/serviceenginegroup/serviceenginegroup-", vs["se_group_ref"]!.GetValue<string>());
        Assert.Contains("/api/applicationprofile/applicationprofile-", vs["application_profile_ref"]!.GetValue<string>());
        Assert.Equal(1, (await client.GetAsync("/api/cloud?name=Default-Cloud")).Object["count"]!.GetValue<int>());

        var adminPool = await client.PostAsync("/api/poolgroup", new JsonObject
        {
            ["name"] = "pg",
            ["members"] = new JsonArray(new JsonObject { ["pool_ref"] = "/api/pool/?name=admin-only" }),
        });
        Assert.Equal(HttpStatusCode.NotFound, adminPool.Status);

        // Shared from admin means usable, not writable: a red user cannot change admin's cloud.
        var cloud = (await client.GetAsync("/api/cloud?name=Default-Cloud")).Object["results"]![0]!.AsObject();
        var put = await client.PutAsync($"/api/cloud/{cloud.Uuid()}", cloud);
        Assert.Equal(HttpStatusCode.Forbidden, put.Status);
        Assert.Equal(PermissionDenied, put.Error);
    }

    [Fact]
    public async Task A_user_limited_to_some_tenants_gets_403_with_the_controllers_body_elsewhere()
    {
        await using var scope = await StartWithTenantsAsync("red", "blue");
        var admin = scope.Client;
        admin.Tenant = "blue";
        var bluePool = await admin.CreateAsync("pool", Bodies.Pool("blue-web"));
        var added = await admin.PostAsync("/sim/users", new JsonObject
        {
            ["username"] = "red-ops", ["password"] = "red-secret", ["tenants"] = new JsonArray("red"),
        });
        Assert.Equal(HttpStatusCode.OK, added.Status);
        var users = (await admin.GetAsync("/sim/users")).Body!.AsArray();
        Assert.Contains(users, u => u!["username"]!.GetValue<string>() == "red-ops" && u["tenants"]![0]!.GetValue<string>() == "red");
        Assert.DoesNotContain(users, u => u!.AsObject().ContainsKey("password"));

        using var red = new AviTestClient(scope.Sim, tenant: "red");
        Assert.Equal(HttpStatusCode.OK, (await red.LoginAsync("red-ops", "red-secret")).Status);
        await red.CreateAsync("pool", Bodies.Pool("red-web"));

        foreach (var forbidden in new[] { "blue", "admin" })
        {
            red.Tenant = forbidden;
            var read = await red.GetAsync("/api/pool");
            Assert.Equal(HttpStatusCode.Forbidden, read.Status);
            Assert.Equal(new JsonObject { ["error"] = PermissionDenied }.ToJsonString(), read.Body!.ToJsonString());
            Assert.Equal(HttpStatusCode.Forbidden, (await red.PostAsync("/api/pool", Bodies.Pool("sneak"))).Status);
        }
        red.Tenant = "red";
        red.ExtraHeaders["X-Avi-Tenant-UUID"] = await TenantUuid(admin, "blue");
        Assert.Equal(HttpStatusCode.Forbidden, (await red.GetAsync("/api/pool")).Status);
        red.ExtraHeaders.Remove("X-Avi-Tenant-UUID");
        var viaTenantRef = Bodies.Pool("sneak");
        viaTenantRef["tenant_ref"] = "/api/tenant/?name=blue";
        Assert.Equal(HttpStatusCode.Forbidden, (await red.PostAsync("/api/pool", viaTenantRef)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await red.PostAsync("/api/tenant", new JsonObject { ["name"] = "mine" })).Status);
        var tenants = (await red.GetAsync("/api/tenant")).Object["results"]!.AsArray();
        Assert.Equal(["red"], tenants.Select(t => t!["name"]!.GetValue<string>()));

        red.Tenant = "no-such-tenant";
        var unknown = await red.GetAsync("/api/pool");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("Tenant 'no-such-tenant' does not exist", unknown.Error);

        // '*' shows only the tenants the user may use.
        red.Tenant = "*";
        var visible = (await red.GetAsync("/api/pool")).Object["results"]!.AsArray();
        Assert.Equal(["red-web"], visible.Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await red.GetAsync($"/api/pool/{bluePool.Uuid()}")).Status);

        // Narrowing the user through /sim/users takes effect on the live session.
        await admin.PutAsync("/sim/users", new JsonObject { ["username"] = "red-ops", ["password"] = "red-secret", ["tenants"] = new JsonArray("blue") });
        red.Tenant = "red";
        Assert.Equal(HttpStatusCode.Forbidden, (await red.GetAsync("/api/pool")).Status);
        red.Tenant = "blue";
        Assert.Equal(HttpStatusCode.OK, (await red.GetAsync("/api/pool")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/sim/users/red-ops")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await red.GetAsync("/api/pool")).Status);
    }

    [Fact]
    public async Task Profile_users_carry_their_tenants()
    {
        var profile = SeedProfile.Parse("""
            name: two-teams
            tenants: [red]
            users:
              - {username: admin, password: admin}
              - {username: red-ops, password: pw, tenants: [red]}
            """, isYaml: true);
        Assert.Null(profile.Users[0].Tenants);
        Assert.Equal(["red"], profile.Users[1].Tenants!);
        Assert.Equal(profile.Users[1].Tenants, SeedProfile.Parse(profile.ToJson().ToJsonString(), isYaml: false).Users[1].Tenants);
        Assert.Throws<FormatException>(() => SeedProfile.Parse("users: [{username: a, password: b, tenants: red}]", isYaml: true));

        await using var sim = await AviSimServer.StartAsync(new AviSimOptions { HttpsPort = null, DnsPort = null, Profile = profile });
        using var client = new AviTestClient(sim, tenant: "admin");
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("red-ops", "pw")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/pool")).Status);
        client.Tenant = "red";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/pool")).Status);
    }

    [Fact]
    public async Task Deleting_a_tenant_that_still_has_objects_is_refused_until_it_is_empty()
    {
        await using var scope = await StartWithTenantsAsync("red");
        var client = scope.Client;
        var redUuid = await TenantUuid(client, "red");
        client.Tenant = "red";
        var pool = await client.CreateAsync("pool", Bodies.Pool("web"));
        await client.CreateAsync("vsvip", Bodies.VsVip("vip"));

        client.Tenant = "admin";
        var refused = await client.DeleteAsync($"/api/tenant/{redUuid}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Cannot delete, object is referred by: ['Pool:web', 'VsVip:vip']", refused.Error);

        client.Tenant = "red";
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/pool/{pool.Uuid()}")).Status);
        var vip = (await client.GetAsync("/api/vsvip?name=vip")).Object["results"]![0]!.AsObject();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/vsvip/{vip.Uuid()}")).Status);
        client.Tenant = "admin";
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/tenant/{redUuid}")).Status);
    }

    [Fact]
    public async Task VIPs_are_unique_per_network_whatever_the_tenant()
    {
        await using var scope = await StartWithTenantsAsync("red", "blue");
        var client = scope.Client;
        client.Tenant = "red";
        var redVip = Address(await client.CreateAsync("vsvip", Bodies.VsVip("vip")));
        client.Tenant = "blue";
        var blueVip = Address(await client.CreateAsync("vsvip", Bodies.VsVip("vip")));
        client.Tenant = "admin";
        var adminVip = Address(await client.CreateAsync("vsvip", Bodies.VsVip("vip")));
        Assert.Equal(3, new[] { redVip, blueVip, adminVip }.Distinct().Count());

        client.Tenant = "blue";
        var pinned = Bodies.VsVip("pinned");
        pinned["vip"]![0]!["ip_address"] = new JsonObject { ["addr"] = redVip, ["type"] = "V4" };
        var taken = await client.PostAsync("/api/vsvip", pinned);
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);

        // Red's address comes free for everyone when red deletes its vsvip.
        client.Tenant = "red";
        var redVipUuid = (await client.GetAsync("/api/vsvip?name=vip")).Object["results"]![0]!.AsObject().Uuid();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/vsvip/{redVipUuid}")).Status);
        client.Tenant = "blue";
        Assert.Equal(redVip, Address(await client.CreateAsync("vsvip", pinned)));
    }

    [Fact]
    public async Task The_audit_log_and_the_state_dump_show_each_objects_tenant()
    {
        await using var scope = await StartWithTenantsAsync("red", "blue", "empty");
        var client = scope.Client;
        client.Tenant = "red";
        var redPool = await client.CreateAsync("pool", Bodies.Pool("web"));
        client.Tenant = "blue";
        await client.CreateAsync("pool", Bodies.Pool("web"));
        client.Tenant = "admin";
        var viaTenantRef = Bodies.Pool("api");
        viaTenantRef["tenant_ref"] = "/api/tenant/?name=red";
        await client.CreateAsync("pool", viaTenantRef);
        client.Tenant = "red";
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/pool/{redPool.Uuid()}")).Status);

        var entries = (await client.GetAsync("/sim/audit")).Object["entries"]!.AsArray()
            .Select(e => $"{e!["method"]} {e["name"]} {e["tenant"]}").ToList();
        Assert.Equal(["POST web red", "POST web blue", "POST api red", "DELETE web red"], entries);

        var byTenant = (await client.GetAsync("/sim/state?by=tenant")).Object;
        Assert.Equal(["api"], byTenant["red"]!["pool"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(["web"], byTenant["blue"]!["pool"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Null(byTenant["admin"]!["pool"]);
        Assert.NotNull(byTenant["admin"]!["cloud"]);
        Assert.Empty(byTenant["empty"]!.AsObject());
        var blueOnly = (await client.GetAsync("/sim/state?tenant=blue")).Object;
        Assert.Equal(["pool"], blueOnly.Select(kv => kv.Key));
    }

    private static async Task<string> TenantUuid(AviTestClient client, string name)
    {
        var tenant = client.Tenant;
        client.Tenant = "admin";
        var found = (await client.GetAsync($"/api/tenant?name={name}")).Object["results"]![0]!["uuid"]!.GetValue<string>();
        client.Tenant = tenant;
        return found;
    }

    private static string Address(JsonObject vsvip) => vsvip["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>();
}
