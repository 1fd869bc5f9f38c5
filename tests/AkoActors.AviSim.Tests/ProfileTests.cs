using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class ProfileTests
{
    [Fact]
    public async Task The_default_profile_mirrors_the_seed_article_controller()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        JsonNode First(AviResponse r) => r.Object["results"]![0]!;
        var network = First(await client.GetAsync("/api/network?name=alb-vip"));
        var subnet = network["configured_subnets"]![0]!;
        Assert.Equal("172.16.251.0", subnet["prefix"]!["ip_addr"]!["addr"]!.GetValue<string>());
        Assert.Equal(24, subnet["prefix"]!["mask"]!.GetValue<int>());
        var range = subnet["static_ip_ranges"]![0]!;
        Assert.Equal("STATIC_IPS_FOR_VIP", range["type"]!.GetValue<string>());
        Assert.Equal("172.16.251.1", range["range"]!["begin"]!["addr"]!.GetValue<string>());
        Assert.Equal("172.16.251.100", range["range"]!["end"]!["addr"]!.GetValue<string>());
        var cloud = First(await client.GetAsync("/api/cloud?name=Default-Cloud&include_name"));
        Assert.EndsWith("#avi-ipam", cloud["ipam_provider_ref"]!.GetValue<string>());
        Assert.EndsWith("#avi-dns", cloud["dns_provider_ref"]!.GetValue<string>());
        Assert.Equal(1, (await client.GetAsync("/api/serviceenginegroup?name=Default-Group")).Object["count"]!.GetValue<int>());
        Assert.Equal(2, (await client.GetAsync("/api/vrfcontext?name.in=global,management")).Object["count"]!.GetValue<int>());
        foreach (var (type, name) in new[]
                 {
                     ("applicationprofile", "System-HTTP"), ("applicationprofile", "System-Secure-HTTP"),
                     ("applicationprofile", "System-L4-Application"), ("applicationprofile", "System-DNS"),
                     ("networkprofile", "System-TCP-Proxy"), ("networkprofile", "System-UDP-Fast-Path"),
                     ("healthmonitor", "System-TCP"), ("healthmonitor", "System-UDP"), ("healthmonitor", "System-HTTP"),
                     ("tenant", "admin"),
                 })
        {
            Assert.Equal(1, (await client.GetAsync($"/api/{type}?name={name}")).Object["count"]!.GetValue<int>());
        }
        var tenant = First(await client.GetAsync("/api/tenant?name=admin"));
        Assert.Equal("admin", tenant["uuid"]!.GetValue<string>());
        var dnsVs = First(await client.GetAsync("/api/virtualservice?name=System-DNS"));
        Assert.Equal("172.16.251.253", dnsVs["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
        var config = await client.GetAsync("/api/systemconfiguration");
        Assert.Equal("ENTERPRISE", config.Object["default_license_tier"]!.GetValue<string>());
        Assert.Equal(dnsVs["url"]!.GetValue<string>(), config.Object["dns_virtualservice_refs"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task The_controller_singletons_report_version_cluster_and_runtime()
    {
        await using var scope = await SimulatorScope.StartAsync();
        using var anonymous = new AviTestClient(scope.Sim);
        var initial = await anonymous.GetAsync("/api/initial-data");
        Assert.Equal(HttpStatusCode.OK, initial.Status);
        Assert.Equal("22.1.3", initial.Object["version"]!["Version"]!.GetValue<string>());
        Assert.Equal("22.1.3", (await scope.Client.GetAsync("/api/cluster/version")).Object["Version"]!.GetValue<string>());
        var cluster = await scope.Client.GetAsync("/api/cluster");
        Assert.Matches(ObjectSemanticsTests.UuidPattern("cluster"), cluster.Object["uuid"]!.GetValue<string>());
        var runtime = await scope.Client.GetAsync("/api/cluster/runtime");
        Assert.Equal("CLUSTER_UP_NO_HA", runtime.Object["cluster_state"]!["state"]!.GetValue<string>());
        Assert.Equal("CLUSTER_LEADER", runtime.Object["node_states"]![0]!["role"]!.GetValue<string>());
        Assert.NotNull(runtime.Object["node_states"]![0]!["up_since"]);
    }

    [Fact]
    public async Task The_systemconfiguration_singleton_can_be_updated_with_put()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var config = (await scope.Client.GetAsync("/api/systemconfiguration")).Object;
        config["welcome_workflow_complete"] = true;
        var put = await scope.Client.PutAsync("/api/systemconfiguration", config);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.True((await scope.Client.GetAsync("/api/systemconfiguration")).Object["welcome_workflow_complete"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Seeding_a_json_profile_over_sim_replaces_the_controller_tenants_and_users()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var profile = SeedProfile.Default.ToJson();
        profile["name"] = "two-tenants";
        profile["tenants"] = new JsonArray("admin", "red", "blue");
        profile["users"] = new JsonArray(new JsonObject { ["username"] = "admin", ["password"] = "admin" });
        var seeded = await scope.Client.SendRawAsync(HttpMethod.Post, "/sim/seed", profile.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, seeded.Status);
        Assert.Equal("two-tenants", scope.Sim.Simulator.Profile.Name);
        Assert.Equal(3, (await scope.Client.GetAsync("/api/tenant")).Object["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_profile_with_a_broken_object_is_refused_and_the_controller_keeps_its_state()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var before = scope.Sim.Simulator.ObjectCount;
        var yaml = """
            name: broken
            users: [{username: admin, password: admin}]
            objects:
              - type: network
                body: {name: n, cloud_ref: /api/cloud/?name=Nope}
            """;
        var response = await scope.Client.SendRawAsync(HttpMethod.Post, "/sim/seed", yaml, "application/yaml");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("Cloud object not found", response.Error);
        Assert.Equal("seed-article", scope.Sim.Simulator.Profile.Name);
        Assert.Equal(before, scope.Sim.Simulator.ObjectCount);
    }

    [Fact]
    public void Yaml_scalars_keep_their_types_and_quoted_text_stays_text()
    {
        var profile = SeedProfile.Parse("""
            name: p
            controller: {version: "22.1.3", build: 9051}
            users: [{username: u, password: "123"}]
            tenants: [admin, red]
            objects:
              - type: network
                body: {name: n, mask: 24, flag: true, text: "24", ip: 10.0.0.1}
            """, isYaml: true);
        Assert.Equal("22.1.3", profile.ControllerVersion);
        Assert.Equal("123", profile.Users[0].Password);
        Assert.Equal(["red"], profile.Tenants);
        var body = profile.Objects[0].Body;
        Assert.Equal(System.Text.Json.JsonValueKind.Number, body["mask"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.True, body["flag"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.String, body["text"]!.GetValueKind());
        Assert.Equal("10.0.0.1", body["ip"]!.GetValue<string>());
    }

    [Fact]
    public void The_shipped_profile_file_next_to_the_executable_parses_like_the_embedded_one()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "profiles", "default.yaml");
        Assert.True(File.Exists(path), $"{path} should be copied next to the executable");
        var fromFile = SeedProfile.Load(path);
        Assert.Equal(SeedProfile.Default.ToJson().ToJsonString(), fromFile.ToJson().ToJsonString());
    }

    [Fact]
    public async Task The_profile_served_over_sim_hides_passwords()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var profile = await scope.Client.GetAsync("/sim/profile");
        Assert.Equal("admin", profile.Object["users"]![0]!["username"]!.GetValue<string>());
        Assert.Equal("<sensitive>", profile.Object["users"]![0]!["password"]!.GetValue<string>());
    }
}
