using AkoActors.Testing;
using k8s;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>A V6_ONLY VIP moved to another VIP network by an AviInfraSetting edit (kubectl patch of
/// <c>spec.network.vipNetworks</c>) moves make-before-break as an IPv4 one does: the vsvip gets an entry on the new network,
/// every status shows its IPv6 address, then the old entry goes. The statuses only ever show the old or the new address, the
/// VS and the vsvip are never deleted, and the move is two vsvip PUTs.</summary>
/// <remarks>Shapes relied on: AKO's v1beta1 AviInfraSetting <c>spec.network.vipNetworks[].{networkName, cidr, v6cidr}</c>
/// attached by the Service annotation <c>aviinfrasetting.ako.vmware.com/name</c> or IngressClass <c>spec.parameters</c>; a
/// Service's <c>spec.{ipFamilies, ipFamilyPolicy}</c>; a vsvip's <c>vip[].{vip_id, auto_allocate_ip_type, ip6_address.addr}</c>.
/// AviSim here has the dual-stack networks <c>dual-a</c> (172.16.253.0/24, 2001:db8:253::/64) and <c>dual-b</c>
/// (172.16.254.0/24, 2001:db8:254::/64), and the IPv6-only networks <c>six-a</c> (2001:db8:245::/64) and <c>six-b</c>
/// (2001:db8:246::/64), VIPs ::1-::64 each, allocated lowest free first.</remarks>
public sealed class Ipv6VipNetworkMoveTests : IAsyncLifetime
{
    private const string Annotation = "aviinfrasetting.ako.vmware.com/name";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await InfraSettingWorld.StartAsync(
            InfraSettingWorld.DualStackNetwork("dual-a", 253), InfraSettingWorld.DualStackNetwork("dual-b", 254),
            InfraSettingWorld.V6OnlyNetwork("six-a", 245), InfraSettingWorld.V6OnlyNetwork("six-b", 246));
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task An_ipv6_services_vip_moves_to_the_settings_new_dual_stack_network_make_before_break_in_two_vsvip_puts()
    {
        await ApplySettingAsync("v6", """{"networkName": "dual-a", "cidr": "172.16.253.0/24", "v6cidr": "2001:db8:253::/64"}""");
        var manifest = $$"""
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "default", "annotations": {"{{Annotation}}": "v6"} },
             "spec": {"type": "LoadBalancer", "selector": {"app": "web"}, "ports": [{"port": 80}], "ipFamilies": ["IPv6"], "ipFamilyPolicy": "SingleStack" } }
            """;
        (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();
        const string old = "2001:db8:253::1";
        Assert.Equal([old], await ServiceProbes.IngressIpsAsync(_world, "web", 1));
        Assert.Equal("V6_ONLY", _world.AviObject("vsvip", "avi-cluster--default-web")!["vip"]![0]!["auto_allocate_ip_type"]!.GetValue<string>());
        var (vsUuid, vsVipUuid) = (Uuid("virtualservice", "avi-cluster--default-web"), Uuid("vsvip", "avi-cluster--default-web"));
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = ServiceStatusHistory.RecordAsync(_world.Client, "default", "web", seen, watching.Token);
        var mark = _world.AuditMark;

        await ApplySettingAsync("v6", """{"networkName": "dual-b", "cidr": "172.16.254.0/24", "v6cidr": "2001:db8:254::/64"}""");

        const string moved = "2001:db8:254::1";
        await Eventually.HoldsAsync(() => Task.FromResult(Ipv6Addresses("avi-cluster--default-web").SequenceEqual([moved])),
            "the vsvip left with the new entry only", TimeSpan.FromSeconds(30));
        Assert.Equal([moved], await ServiceProbes.IngressIpsAsync(_world, "web", 1));
        watching.Cancel();
        await watch;

        Assert.NotEmpty(seen);
        Assert.All(seen, ip => Assert.True(ip == old || ip == moved, $"status showed '{ip}' (old {old}, moved {moved}): [{string.Join(", ", seen)}]"));
        Assert.Equal(moved, seen[^1]);
        // Never deleted: the vsvip got an entry on dual-b beside the old one, then lost the old one; the VS is untouched.
        Assert.Equal((vsUuid, vsVipUuid), (Uuid("virtualservice", "avi-cluster--default-web"), Uuid("vsvip", "avi-cluster--default-web")));
        var entry = _world.AviObject("vsvip", "avi-cluster--default-web")!["vip"]!.AsArray().Single()!;
        Assert.Equal(("1", "V6_ONLY"), (entry["vip_id"]!.GetValue<string>(), entry["auto_allocate_ip_type"]!.GetValue<string>()));
        Assert.Equal(["PUT vsvip avi-cluster--default-web 200", "PUT vsvip avi-cluster--default-web 200"], Writes(mark));
    }

    [Fact]
    public async Task A_shared_l7_vs_on_an_ipv6_only_network_moves_to_the_settings_new_network_make_before_break_in_two_vsvip_puts()
    {
        const string vs = "avi-cluster--Shared-L7-six-0";
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--port=80");
        await ApplySettingAsync("six", """{"networkName": "six-a", "v6cidr": "2001:db8:245::/64"}""");
        (await _world.Kubectl.RunWithInputAsync("""
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: six-class}
            spec:
              controller: ako.vmware.com/avi-lb
              parameters: {apiGroup: ako.vmware.com, kind: AviInfraSetting, name: six, scope: Cluster}
            """, "apply", "-f", "-")).EnsureSuccess();
        await _world.Kubectl.SucceedAsync("create", "ingress", "shop", "--class=six-class", "--rule=shop.ako.example.com/*=web:80");
        const string old = "2001:db8:245::1";
        Assert.Equal(old, await IngressAddressAsync("2001:db8:245:"));
        Assert.Equal("V6_ONLY", _world.AviObject("vsvip", vs)!["vip"]![0]!["auto_allocate_ip_type"]!.GetValue<string>());
        var vsVipUuid = Uuid("vsvip", vs);
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = IngressProbes.WatchAddressesAsync(_world, "default", "shop", seen, watching.Token);
        var mark = _world.AuditMark;

        await ApplySettingAsync("six", """{"networkName": "six-b", "v6cidr": "2001:db8:246::/64"}""");

        const string moved = "2001:db8:246::1";
        Assert.Equal(moved, await IngressAddressAsync("2001:db8:246:"));
        await Eventually.HoldsAsync(() => Task.FromResult(Ipv6Addresses(vs).SequenceEqual([moved])), "the vsvip left with the new entry only",
            TimeSpan.FromSeconds(30));
        watching.Cancel();
        await watch;

        Assert.NotEmpty(seen);
        Assert.All(seen, ip => Assert.True(ip == old || ip == moved, $"status showed '{ip}' (old {old}, moved {moved}): [{string.Join(", ", seen)}]"));
        Assert.Equal(moved, seen[^1]);
        Assert.Equal(vsVipUuid, Uuid("vsvip", vs));
        Assert.Equal([$"PUT vsvip {vs} 200", $"PUT vsvip {vs} 200"], Writes(mark));
    }

    private async Task ApplySettingAsync(string name, string vipNetwork)
    {
        var manifest = $$"""
            {"apiVersion": "ako.vmware.com/v1beta1", "kind": "AviInfraSetting", "metadata": {"name": "{{name}}"},
             "spec": {"network": {"vipNetworks": [{{vipNetwork}}] } } }
            """;
        (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();
        await Eventually.HoldsAsync(async () => (await _world.Kubectl.RunAsync("get", "aviinfrasetting", name, "-o", "jsonpath={.status.status}")).StandardOutput.Trim() == "Accepted",
            $"AviInfraSetting {name} Accepted", TimeSpan.FromSeconds(30));
    }

    private List<string> Ipv6Addresses(string vsvip) =>
        _world.AviObject("vsvip", vsvip)?["vip"]?.AsArray().Select(v => v?["ip6_address"]?["addr"]?.GetValue<string>() ?? "").ToList() ?? [];

    private Task<string> IngressAddressAsync(string prefix) =>
        Eventually.GetAsync(async () =>
        {
            var ip = (await _world.Kubectl.RunAsync("get", "ing", "shop", "-o", "jsonpath={.status.loadBalancer.ingress[*].ip}")).StandardOutput.Trim();
            return ip.StartsWith(prefix, StringComparison.Ordinal) ? ip : null;
        }, $"an ADDRESS in {prefix}x on Ingress default/shop", TimeSpan.FromSeconds(30));

    private string Uuid(string type, string name) =>
        _world.AviObject(type, name)?["uuid"]?.GetValue<string>() ?? throw new InvalidOperationException($"no {type} {name} on AviSim");

    private List<string> Writes(long mark) => _world.WriteLinesSince(mark).Where(w => !w.Contains(" vrfcontext ", StringComparison.Ordinal)).ToList();
}
