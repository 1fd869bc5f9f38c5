using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>An AviInfraSetting's <c>network.vipNetworks[].v6cidr</c> end to end: the controller's own VIP network
/// (values.yaml, alb-vip 172.16.251.0/24) has no v6cidr, the setting's network <c>dual-vip</c> (172.16.253.0/24 and
/// 2001:db8:253::/64, VIPs ::1-::64) gets one by an edit. An IPv6 Service placed on the setting gets its IPv6 VIP there; a
/// dual-stack one gets IPv4 with a Warning naming the fix until the v6cidr is added, then its IPv6 address in one vsvip PUT.</summary>
/// <remarks>Shapes relied on: AKO's v1beta1 AviInfraSetting <c>spec.network.vipNetworks[].{networkName, cidr, v6cidr}</c>, the
/// Service annotation <c>aviinfrasetting.ako.vmware.com/name</c>, a Service's <c>spec.{ipFamilies, ipFamilyPolicy}</c>, a
/// vsvip's <c>vip[0].{auto_allocate_ip_type, ip6_address.addr}</c>.</remarks>
public sealed class InfraSettingIpv6Tests : IAsyncLifetime
{
    private const string Annotation = "aviinfrasetting.ako.vmware.com/name";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await InfraSettingWorld.StartAsync(InfraSettingWorld.DualStackNetwork("dual-vip", 253));

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task The_settings_v6cidr_gives_ipv6_vips_and_adding_it_is_one_vsvip_put_per_dual_stack_service()
    {
        await ApplySettingAsync(v6cidr: null);
        Assert.Equal("Accepted", await StatusAsync());

        // Dual stack on a setting without v6cidr: IPv4 only, and a Warning that says what to add.
        await ApplyServiceAsync("dual", """["IPv4","IPv6"]""", "PreferDualStack", setting: "dual");
        Assert.Equal(["172.16.253.1"], await ServiceProbes.IngressIpsAsync(_world, "dual", 1));
        var warning = await ServiceProbes.WarningAsync(_world, "dual", "IPv6Unsupported");
        Assert.Contains("Add a v6cidr to the VIP network dual-vip", warning, StringComparison.Ordinal);

        // IPv6 only, on the controller's own network (no v6cidr): no VIP, the Warning names the fix.
        await ApplyServiceAsync("v6", """["IPv6"]""", "SingleStack", setting: null);
        Assert.Contains("Add a v6cidr to the VIP network alb-vip", await ServiceProbes.WarningAsync(_world, "v6", "IPv6Unsupported"), StringComparison.Ordinal);
        Assert.Null(_world.AviObject("vsvip", "avi-cluster--default-v6"));

        var mark = _world.AuditMark;
        await ApplySettingAsync(v6cidr: "2001:db8:253::/64");
        Assert.Equal(["172.16.253.1", "2001:db8:253::1"], await ServiceProbes.IngressIpsAsync(_world, "dual", 2));
        Assert.Equal(["PUT vsvip avi-cluster--default-dual 200"], Writes(mark));
        Assert.Equal("V4_V6", _world.AviObject("vsvip", "avi-cluster--default-dual")!["vip"]![0]!["auto_allocate_ip_type"]!.GetValue<string>());

        // The IPv6-only Service placed on the setting gets its IPv6 VIP from the setting's network.
        await _world.Kubectl.SucceedAsync("annotate", "svc", "v6", $"{Annotation}=dual");
        Assert.Equal(["2001:db8:253::2"], await ServiceProbes.IngressIpsAsync(_world, "v6", 1));
        Assert.EndsWith(Uuid("network", "dual-vip"),
            _world.AviObject("vsvip", "avi-cluster--default-v6")!["vip"]![0]!["ipam_network_subnet"]!["network_ref"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task ApplySettingAsync(string? v6cidr)
    {
        var v6 = v6cidr is null ? "" : $", \"v6cidr\": \"{v6cidr}\"";
        var manifest = $$"""
            {"apiVersion": "ako.vmware.com/v1beta1", "kind": "AviInfraSetting", "metadata": {"name": "dual"},
             "spec": {"network": {"vipNetworks": [{"networkName": "dual-vip", "cidr": "172.16.253.0/24"{{v6}} }] } } }
            """;
        (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();
    }

    private async Task ApplyServiceAsync(string name, string families, string policy, string? setting)
    {
        var annotations = setting is null ? "" : $", \"annotations\": {{\"{Annotation}\": \"{setting}\"}}";
        var manifest = $$"""
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "{{name}}", "namespace": "default"{{annotations}} },
             "spec": {"type": "LoadBalancer", "selector": {"app": "{{name}}"}, "ports": [{"port": 80}],
                      "ipFamilies": {{families}}, "ipFamilyPolicy": "{{policy}}" } }
            """;
        (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();
    }

    private Task<string> StatusAsync() =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "aviinfrasetting", "dual", "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 ? status : null;
        }, "a status on AviInfraSetting dual", TimeSpan.FromSeconds(30));

    private string Uuid(string type, string name) => _world.AviObject(type, name)!["uuid"]!.GetValue<string>();

    private List<string> Writes(long mark) => _world.WriteLinesSince(mark).Where(w => !w.Contains(" vrfcontext ", StringComparison.Ordinal)).ToList();
}
