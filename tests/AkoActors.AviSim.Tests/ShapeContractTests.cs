using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

/// <summary>The shapes AviSim promises, stated explicitly so a clone without ../shared still checks them
/// (they mirror the recorded controller responses).</summary>
public class ShapeContractTests
{
    private static string[] Keys(JsonNode? node) => node!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();

    private static void AssertKinds(JsonObject obj, params (string Key, JsonValueKind Kind)[] expected)
    {
        foreach (var (key, kind) in expected)
        {
            Assert.True(obj.ContainsKey(key), $"missing {key} in {obj.ToJsonString()}");
            var actual = obj[key]!.GetValueKind();
            Assert.True(actual == kind || (kind == JsonValueKind.True && actual == JsonValueKind.False), $"{key}: expected {kind}, got {actual}");
        }
    }

    [Fact]
    public async Task A_vsvip_has_the_controllers_vip_and_dns_info_key_sets()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var vsvip = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v", "a.ako.example.com"));
        Assert.Equal(
            ["auto_allocate_floating_ip", "auto_allocate_ip", "auto_allocate_ip_type", "avi_allocated_fip", "avi_allocated_vip",
             "discovered_networks", "enabled", "ip_address", "ipam_network_subnet", "prefix_length", "vip_id"],
            Keys(vsvip["vip"]![0]));
        Assert.Equal(["addr", "type"], Keys(vsvip["vip"]![0]!["ip_address"]));
        Assert.Equal(["network_ref", "subnet"], Keys(vsvip["vip"]![0]!["ipam_network_subnet"]));
        Assert.Equal(["ip_addr", "mask"], Keys(vsvip["vip"]![0]!["ipam_network_subnet"]!["subnet"]));
        Assert.Equal(["network_ref", "subnet"], Keys(vsvip["vip"]![0]!["discovered_networks"]![0]));
        Assert.Equal(["algorithm", "fqdn", "num_records_in_response", "ttl", "type"], Keys(vsvip["dns_info"]![0]));
        AssertKinds(vsvip["vip"]![0]!.AsObject(), ("prefix_length", JsonValueKind.Number), ("enabled", JsonValueKind.True),
            ("vip_id", JsonValueKind.String), ("discovered_networks", JsonValueKind.Array));
        AssertKinds(vsvip["dns_info"]![0]!.AsObject(), ("ttl", JsonValueKind.Number), ("type", JsonValueKind.String));
        AssertKinds(vsvip, ("url", JsonValueKind.String), ("uuid", JsonValueKind.String), ("_last_modified", JsonValueKind.String),
            ("tenant_ref", JsonValueKind.String), ("cloud_ref", JsonValueKind.String), ("vrf_context_ref", JsonValueKind.String),
            ("east_west_placement", JsonValueKind.True));
    }

    [Fact]
    public async Task A_pool_has_the_spec_fields_with_refs_as_full_urls()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var pool = await scope.Client.CreateAsync("pool", Bodies.Pool("p", "ako-c1", "10.244.3.5"));
        AssertKinds(pool, ("servers", JsonValueKind.Array), ("health_monitor_refs", JsonValueKind.Array), ("cloud_ref", JsonValueKind.String),
            ("vrf_ref", JsonValueKind.String), ("created_by", JsonValueKind.String), ("markers", JsonValueKind.Array),
            ("service_metadata", JsonValueKind.String), ("enabled", JsonValueKind.True), ("lb_algorithm", JsonValueKind.String));
        Assert.Equal(["enabled", "hostname", "ip", "port", "ratio"], Keys(pool["servers"]![0]));
        Assert.Equal(["addr", "type"], Keys(pool["servers"]![0]!["ip"]));
        foreach (var field in new[] { "cloud_ref", "vrf_ref", "tenant_ref", "url" })
        {
            Assert.Matches($"^{scope.Sim.HttpUrl}/api/[a-z]+/[a-z0-9-]+$", pool[field]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_virtualservice_has_services_defaults_and_its_vsvip_vip()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v"));
        var vs = await scope.Client.CreateAsync("virtualservice", Bodies.VirtualService("vs", "v"));
        Assert.Equal(["enable_ssl", "port", "port_range_end"], Keys(vs["services"]![0]));
        Assert.Equal(80, vs["services"]![0]!["port_range_end"]!.GetValue<int>());
        Assert.True(vs["services"]![1]!["enable_ssl"]!.GetValue<bool>());
        AssertKinds(vs, ("vip", JsonValueKind.Array), ("vsvip_ref", JsonValueKind.String), ("type", JsonValueKind.String),
            ("enabled", JsonValueKind.True), ("traffic_enabled", JsonValueKind.True), ("se_group_ref", JsonValueKind.String),
            ("cloud_ref", JsonValueKind.String), ("vrf_context_ref", JsonValueKind.String), ("application_profile_ref", JsonValueKind.String));
    }

    [Fact]
    public async Task A_collection_is_the_count_results_next_envelope()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var single = await scope.Client.GetAsync("/api/healthmonitor?page_size=2");
        Assert.Equal(["count", "next", "results"], Keys(single.Object));
        AssertKinds(single.Object, ("count", JsonValueKind.Number), ("results", JsonValueKind.Array), ("next", JsonValueKind.String));
        var last = await scope.Client.GetAsync("/api/cloud");
        Assert.Equal(["count", "results"], Keys(last.Object));
    }

    [Fact]
    public async Task The_dns_vs_records_have_the_ipam_dns_records_key_set()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v", "a.ako.example.com"));
        var dnsVs = (await scope.Client.GetAsync("/api/virtualservice?name=System-DNS")).Object["results"]![0]!;
        Assert.Equal(["algorithm", "delegated", "description", "fqdn", "ip_address", "metadata", "num_records_in_response", "ttl", "type", "wildcard_match"],
            Keys(dnsVs["ipam_dns_records"]![0]));
    }
}
