using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Tests;

/// <summary>The L4 VS fields an L4Rule sets and the pool fields of its backends: written as Avi fields, read back the same,
/// removed when the rule goes, and read as managed only on an L4 VS (one with L4 policies).</summary>
public class L4VirtualServiceFieldsTests
{
    private static readonly L4VirtualServiceSettings Full = new("custom-analytics", "allow-office", "ddos-guard", new L4ClientLogs(true, 30, 0),
        new L4PerformanceLimits(105, 100), "l4-ssl", true);

    [Fact]
    public void Written_fields_read_back_as_the_same_settings()
    {
        var json = new JsonObject();
        L4VirtualServiceFields.Write(json, Full);

        Assert.Equal("/api/networksecuritypolicy/?name=allow-office", json["network_security_policy_ref"]!.GetValue<string>());
        Assert.Equal(105, json["performance_limits"]!["max_concurrent_connections"]!.GetValue<int>());
        Assert.Equal(30, json["analytics_policy"]!["full_client_logs"]!["throttle"]!.GetValue<int>());
        Assert.True(json["revoke_vip_route"]!.GetValue<bool>());
        Assert.Equal("/api/securitypolicy/?name=ddos-guard", json["security_policy_ref"]!.GetValue<string>());
        Assert.Equal(Full, L4VirtualServiceFields.Read(json));
    }

    [Fact]
    public void The_defaults_remove_every_field_a_rule_had_set()
    {
        var json = new JsonObject { ["name"] = "vs" };
        L4VirtualServiceFields.Write(json, Full);
        L4VirtualServiceFields.Write(json, L4VirtualServiceSettings.Default);

        Assert.Equal(["name"], json.Select(p => p.Key));
        Assert.Equal(L4VirtualServiceSettings.Default, L4VirtualServiceFields.Read(json));
    }

    [Fact]
    public void The_analytics_profile_the_controller_fills_in_reads_as_none_so_a_vs_without_a_rule_stays_satisfied()
    {
        // As the controller's recorded objects show it (../shared/fixtures/avi/virtualservice_mock.json): every VS carries one.
        var json = new JsonObject { ["analytics_profile_ref"] = "https://ctrl/api/analyticsprofile/analyticsprofile-1#System-Analytics-Profile" };

        Assert.Equal(L4VirtualServiceSettings.Default, L4VirtualServiceFields.Read(json));
    }

    [Fact]
    public void Only_an_l4_vs_reads_them_as_managed_and_a_vs_that_does_not_manage_them_keeps_what_the_controller_has()
    {
        var codec = new VirtualServiceCodec();
        var l4 = Vs("c1--red-web") with { L4PolicySets = new[] { "c1--red-web" }.ToEquatableArray(), L4Rule = Full };
        Assert.Equal(Full, ((VirtualServiceSpec)codec.Read(codec.Write(l4, null))).L4Rule);

        var unmanaged = Vs("c1--red-shared");
        var written = codec.Write(unmanaged, new JsonObject { ["performance_limits"] = new JsonObject { ["max_throughput"] = 7 } });
        Assert.Equal(7, written["performance_limits"]!["max_throughput"]!.GetValue<int>());
        Assert.Null(((VirtualServiceSpec)codec.Read(written)).L4Rule);
    }

    [Fact]
    public void A_backends_pool_state_round_trips_and_the_defaults_remove_it()
    {
        var rules = PoolRuleSettings.Default with { Enabled = false, MinServersUp = 2, SslKeyAndCertificate = "backend-cert", RealtimeMetrics = true };
        var json = new JsonObject();
        PoolRuleFields.Write(json, rules);

        Assert.Equal((false, 2, true), (json["enabled"]!.GetValue<bool>(), json["min_servers_up"]!.GetValue<int>(),
            json["analytics_policy"]!["enable_realtime_metrics"]!.GetValue<bool>()));
        Assert.Equal(rules, PoolRuleFields.Read(json));

        PoolRuleFields.Write(json, PoolRuleSettings.Default);
        Assert.Equal(PoolRuleSettings.Default, PoolRuleFields.Read(json));
        Assert.Null(json["min_servers_up"]);
        Assert.Null(json["ssl_key_and_certificate_ref"]);
        Assert.Null(json["analytics_policy"]);
    }

    private static VirtualServiceSpec Vs(string name) =>
        new(name, VirtualServiceSpec.Normal, new[] { new VsServicePort(80) }.ToEquatableArray(), name, "System-L4-Application", "System-TCP-Proxy",
            new AviPlacement("Default-Cloud", "global", "Default-Group"), new AviObjectMeta("ako-c1", EquatableArray<AviMarker>.Empty, null));
}
