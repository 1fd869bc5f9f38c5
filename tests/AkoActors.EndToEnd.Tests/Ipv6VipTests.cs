using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Issue 14 point 4, <c>vipNetworkList[].v6cidr</c> end to end (kubectl against KubeSim, the controller's Avi
/// client against AviSim, whose default <c>alb-vip</c> is dual stack: 172.16.251.0/24 and 2001:db8:251::/64, VIPs ::1-::64):
/// a Service's <c>spec.ipFamilies</c> picks the families of its VIP, the vsvip asks <c>auto_allocate_ip_type</c> V6_ONLY or
/// V4_V6 with <c>ipam_network_subnet.subnet6</c> as AKO writes it, and the status lists one ingress entry per address.</summary>
/// <remarks>Shapes relied on: a Service's <c>spec.{ipFamilies, ipFamilyPolicy, loadBalancerIP}</c> and
/// <c>status.loadBalancer.ingress[].ip</c>; a vsvip's <c>vip[0].{auto_allocate_ip_type, ip_address.addr, ip6_address.addr,
/// ipam_network_subnet.subnet6}</c>.</remarks>
public sealed class Ipv6VipTests : IAsyncLifetime
{
    private static readonly AkoSettings DualStackSettings = ControllerWorld.SeedSettings(s => s with
    {
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24", "2001:db8:251::/64") }.ToEquatableArray(),
    });

    private ControllerWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await ControllerWorld.StartAsync(replicas: 0);
        await _world.StartReplicaAsync("replica-0", options => options with { Settings = DualStackSettings });
        await _world.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task An_ipv6_only_service_gets_an_ipv6_vip_that_kubectl_shows_and_a_restarted_replica_does_not_rewrite()
    {
        await ApplyServiceAsync("v6", """["IPv6"]""", "SingleStack");

        Assert.Equal(["2001:db8:251::1"], await ServiceProbes.IngressIpsAsync(_world, "v6", 1));
        var vip = _world.AviObject("vsvip", "avi-cluster--default-v6")!["vip"]![0]!.AsObject();
        Assert.Equal("V6_ONLY", vip["auto_allocate_ip_type"]!.GetValue<string>());
        Assert.Equal("2001:db8:251::1", vip["ip6_address"]!["addr"]!.GetValue<string>());
        Assert.False(vip.ContainsKey("ip_address"));
        Assert.Equal("2001:db8:251::", vip["ipam_network_subnet"]!["subnet6"]!["ip_addr"]!["addr"]!.GetValue<string>());
        var table = (await _world.Kubectl.RunAsync("get", "svc", "v6")).StandardOutput;
        Assert.Contains("2001:db8:251::1", table, StringComparison.Ordinal);

        // Read back (the type, subnet6 and ip6_address as the controller holds them), the tree is what is wanted: no write.
        await _world.Replicas[0].StopAsync();
        var mark = _world.AuditMark;
        var restarted = await _world.StartReplicaAsync("replica-1", options => options with { Settings = DualStackSettings });
        await _world.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(restarted.Metrics.ReconcileCount("service", "converged") >= 1),
            "the restarted replica's Service owner to have read and compared", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(_world.WritesSince(mark), w => w.ObjectType is "vsvip" or "virtualservice" or "pool" or "l4policyset");
    }

    [Fact]
    public async Task The_demos_kubectl_expose_with_ipv6_overrides_gets_an_ipv6_vip()
    {
        await _world.Kubectl.SucceedAsync("create", "deploy", "nginx1", "--image=nginxhellos/demo");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "nginx1", "--name=nginx1-v6", "--type=LoadBalancer", "--port=80",
            """--overrides={"spec":{"ipFamilies":["IPv6"]}}""");
        Assert.Equal(["2001:db8:251::1"], await ServiceProbes.IngressIpsAsync(_world, "nginx1-v6", 1));
    }

    [Fact]
    public async Task A_dual_stack_service_lists_both_addresses_and_a_change_of_family_is_one_vsvip_put()
    {
        await ApplyServiceAsync("dual", """["IPv4","IPv6"]""", "RequireDualStack");
        Assert.Equal(["172.16.251.1", "2001:db8:251::1"], await ServiceProbes.IngressIpsAsync(_world, "dual", 2));
        Assert.Equal("V4_V6", _world.AviObject("vsvip", "avi-cluster--default-dual")!["vip"]![0]!["auto_allocate_ip_type"]!.GetValue<string>());

        // Down to IPv4 only (kube-apiserver allows dropping the secondary family): the IPv6 address is released in one PUT.
        var mark = _world.AuditMark;
        await ApplyServiceAsync("dual", """["IPv4"]""", "SingleStack");
        Assert.Equal(["172.16.251.1"], await ServiceProbes.IngressIpsAsync(_world, "dual", 1));
        Assert.Equal(["PUT vsvip avi-cluster--default-dual 200"], Writes(mark));
        Assert.Null(_world.AviObject("vsvip", "avi-cluster--default-dual")!["vip"]![0]!["ip6_address"]);

        // And back: the same IPv4 address, an IPv6 one again (the lowest free), one PUT.
        mark = _world.AuditMark;
        await ApplyServiceAsync("dual", """["IPv4","IPv6"]""", "PreferDualStack");
        Assert.Equal(["172.16.251.1", "2001:db8:251::1"], await ServiceProbes.IngressIpsAsync(_world, "dual", 2));
        Assert.Equal(["PUT vsvip avi-cluster--default-dual 200"], Writes(mark));
    }

    [Fact]
    public async Task An_ipv6_load_balancer_ip_asks_that_address_and_one_held_by_another_vip_is_a_warning()
    {
        await ApplyServiceAsync("pinned", """["IPv6"]""", "SingleStack", loadBalancerIp: "2001:db8:251::50");
        Assert.Equal(["2001:db8:251::50"], await ServiceProbes.IngressIpsAsync(_world, "pinned", 1));
        Assert.Equal("2001:db8:251::50", _world.AviObject("vsvip", "avi-cluster--default-pinned")!["vip"]![0]!["ip6_address"]!["addr"]!.GetValue<string>());

        await ApplyServiceAsync("rival", """["IPv6"]""", "SingleStack", loadBalancerIp: "2001:db8:251::50");
        var warning = await ServiceProbes.WarningAsync(_world, "rival", "LoadBalancerIPInUse");
        Assert.Contains("2001:db8:251::50", warning, StringComparison.Ordinal);
        Assert.Null(_world.AviObject("vsvip", "avi-cluster--default-rival"));
    }

    private async Task ApplyServiceAsync(string name, string families, string policy, string? loadBalancerIp = null)
    {
        var pinned = loadBalancerIp is null ? "" : $", \"loadBalancerIP\": \"{loadBalancerIp}\"";
        var manifest = $$"""
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "{{name}}", "namespace": "default"},
             "spec": {"type": "LoadBalancer", "selector": {"app": "{{name}}"}, "ports": [{"port": 80}],
                      "ipFamilies": {{families}}, "ipFamilyPolicy": "{{policy}}"{{pinned}} } }
            """;
        (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();
    }

    private List<string> Writes(long mark) => _world.WriteLinesSince(mark).Where(w => !w.Contains(" vrfcontext ", StringComparison.Ordinal)).ToList();
}
