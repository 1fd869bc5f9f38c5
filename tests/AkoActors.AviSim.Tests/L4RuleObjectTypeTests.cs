using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

/// <summary>The object types AKO's L4Rule names on an L4 VS and its pools (L4 application profile, TCP/UDP network profiles,
/// health monitors, persistence, datascripts): seeded as a controller ships them, and a reference to a missing one
/// refused with the controller's body naming the type and the field (the VS profiles: <see cref="RuleObjectTypeTests"/>).</summary>
public class L4RuleObjectTypeTests
{
    [Theory]
    [InlineData("applicationprofile", "System-L4-Application", "APPLICATION_PROFILE_TYPE_L4")]
    [InlineData("networkprofile", "System-TCP-Proxy", null)]
    [InlineData("networkprofile", "System-TCP-Fast-Path", null)]
    [InlineData("networkprofile", "System-UDP-Fast-Path", null)]
    [InlineData("networkprofile", "System-UDP-Per-Pkt", null)]
    [InlineData("healthmonitor", "System-TCP", "HEALTH_MONITOR_TCP")]
    [InlineData("healthmonitor", "System-UDP", "HEALTH_MONITOR_UDP")]
    [InlineData("healthmonitor", "System-Ping", "HEALTH_MONITOR_PING")]
    [InlineData("applicationpersistenceprofile", "System-Persistence-Client-IP", null)]
    [InlineData("analyticsprofile", "System-Analytics-Profile", null)]
    public async Task The_default_controller_ships_the_system_object(string type, string name, string? kind)
    {
        await using var scope = await SimulatorScope.StartAsync();
        var response = await scope.Client.GetAsync($"/api/{type}?name={name}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, response.Object["count"]!.GetValue<int>());
        if (kind is not null) Assert.Equal(kind, response.Object["results"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_vs_referring_to_a_missing_datascript_is_refused_and_one_created_first_is_accepted()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("web"));
        var vs = Bodies.VirtualService("web", "web");
        vs["vs_datascripts"] = new JsonArray(new JsonObject { ["index"] = 1, ["vs_datascript_set_ref"] = "/api/vsdatascriptset/?name=Custom-DS-01" });

        var refused = await scope.Client.PostAsync("/api/virtualservice", vs);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("VSDataScriptSet object not found", refused.Error);

        await scope.Client.CreateAsync("vsdatascriptset", new JsonObject { ["name"] = "Custom-DS-01" });
        var created = await scope.Client.CreateAsync("virtualservice", (JsonObject)vs.DeepClone());
        Assert.Contains("/api/vsdatascriptset/vsdatascriptset-", created["vs_datascripts"]![0]!["vs_datascript_set_ref"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("application_persistence_profile_ref", "/api/applicationpersistenceprofile/?name=missing", "ApplicationPersistenceProfile object not found")]
    [InlineData("pki_profile_ref", "/api/pkiprofile/?name=missing", "PKIProfile object not found")]
    [InlineData("ssl_key_and_certificate_ref", "/api/sslkeyandcertificate/?name=missing", "SSLKeyAndCertificate object not found")]
    public async Task A_pool_referring_to_a_missing_profile_is_refused_with_its_type_and_field(string field, string reference, string expected)
    {
        await using var scope = await SimulatorScope.StartAsync();
        var pool = Bodies.Pool("web-TCP-80");
        pool[field] = reference;
        var response = await scope.Client.PostAsync("/api/pool", pool);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(expected, response.Error);
        Assert.Contains(field, response.Error);
    }

    [Fact]
    public async Task A_pool_referring_to_a_missing_health_monitor_is_refused()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var pool = Bodies.Pool("web-TCP-80");
        pool["health_monitor_refs"] = new JsonArray("/api/healthmonitor/?name=Custom-HM-01");
        var response = await scope.Client.PostAsync("/api/pool", pool);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("HealthMonitor object not found", response.Error);
    }

    [Fact]
    public async Task A_vs_holds_its_performance_limits_client_logs_and_route_revocation_and_refuses_a_negative_limit()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("web"));
        var vs = Bodies.VirtualService("web", "web");
        vs["performance_limits"] = new JsonObject { ["max_concurrent_connections"] = 105, ["max_throughput"] = 100 };
        vs["analytics_policy"] = new JsonObject { ["full_client_logs"] = new JsonObject { ["enabled"] = true, ["throttle"] = 30, ["duration"] = 0 } };
        vs["revoke_vip_route"] = true;

        var created = await scope.Client.CreateAsync("virtualservice", (JsonObject)vs.DeepClone());
        Assert.Equal(105, created["performance_limits"]!["max_concurrent_connections"]!.GetValue<int>());
        Assert.Equal(30, created["analytics_policy"]!["full_client_logs"]!["throttle"]!.GetValue<int>());
        Assert.True(created["revoke_vip_route"]!.GetValue<bool>());

        vs["name"] = "web-2";
        vs["performance_limits"] = new JsonObject { ["max_concurrent_connections"] = -1 };
        var refused = await scope.Client.PostAsync("/api/virtualservice", vs);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("performance_limits.max_concurrent_connections", refused.Error);
        vs["performance_limits"] = "fast";
        Assert.Contains("performance_limits", (await scope.Client.PostAsync("/api/virtualservice", vs)).Error);
    }

    [Fact]
    public async Task A_pool_holds_its_minimum_servers_up_and_realtime_metrics_and_refuses_a_negative_minimum()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var pool = Bodies.Pool("web-TCP-80");
        pool["enabled"] = false;
        pool["min_servers_up"] = 1;
        pool["analytics_policy"] = new JsonObject { ["enable_realtime_metrics"] = true };

        var created = await scope.Client.CreateAsync("pool", (JsonObject)pool.DeepClone());
        Assert.Equal((false, 1, true), (created["enabled"]!.GetValue<bool>(), created["min_servers_up"]!.GetValue<int>(),
            created["analytics_policy"]!["enable_realtime_metrics"]!.GetValue<bool>()));

        pool["name"] = "web-TCP-81";
        pool["min_servers_up"] = -1;
        var refused = await scope.Client.PostAsync("/api/pool", pool);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("min_servers_up", refused.Error);
    }
}
