using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>An AviInfraSetting with several <c>vipNetworks</c> end to end on an AWS cloud (AviSim's <c>Default-Cloud</c> of
/// <c>vtype: CLOUD_AWS</c>), where AKO writes one vsvip <c>vip</c> entry per VIP network, each naming its subnet by
/// <c>subnet_uuid</c>: the Service gets an address on every network and its status lists them all (the floating IPs once
/// <c>enablePublicIP</c> asks for them), each change is one vsvip PUT and the status never goes empty.</summary>
/// <remarks>Shapes relied on: AKO's v1beta1 AviInfraSetting <c>spec.network.vipNetworks[].networkName</c> and
/// <c>enablePublicIP</c>, the Service annotation <c>aviinfrasetting.ako.vmware.com/name</c>, a vsvip's
/// <c>vip[].{vip_id, subnet_uuid, ip_address.addr, floating_ip.addr}</c>.</remarks>
public sealed class InfraSettingSubnetVipTests : IAsyncLifetime
{
    private const string Annotation = "aviinfrasetting.ako.vmware.com/name";
    private const string VsVip = "avi-cluster--default-web";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await InfraSettingWorld.StartOnCloudAsync("CLOUD_AWS", InfraSettingWorld.VipNetwork("red-a", 253), InfraSettingWorld.VipNetwork("red-b", 254));

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Every_vip_network_gets_an_entry_by_subnet_the_status_lists_them_all_and_each_change_is_one_vsvip_put()
    {
        await ApplyAsync("""[{"networkName":"red-a"},{"networkName":"red-b"}]""", publicIp: false);
        Assert.Equal("Accepted", await StatusAsync("red"));
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80");
        // The controller's own vipNetworkList (alb-vip) on AWS: one entry by subnet too.
        Assert.Equal("172.16.251.1", await IngressIpsAsync("172.16.251.1"));
        Assert.Equal([("1", "alb-vip")], Entries());
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = ServiceStatusHistory.RecordAsync(_world.Client, "default", "web", seen, watching.Token);

        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", $"{Annotation}=red");
        Assert.Equal("172.16.253.1 172.16.254.1", await IngressIpsAsync("172.16.253.1 172.16.254.1"));
        Assert.Equal([("2", "red-a"), ("3", "red-b")], Entries());
        Assert.Equal([$"PUT vsvip {VsVip} 200"], Writes(mark));

        mark = _world.AuditMark;
        await ApplyAsync("""[{"networkName":"red-b"}]""", publicIp: false);
        Assert.Equal("172.16.254.1", await IngressIpsAsync("172.16.254.1"));
        Assert.Equal([("3", "red-b")], Entries());
        Assert.Equal([$"PUT vsvip {VsVip} 200"], Writes(mark));

        mark = _world.AuditMark;
        await ApplyAsync("""[{"networkName":"red-a"},{"networkName":"red-b"}]""", publicIp: true);
        Assert.Equal("198.51.100.1 198.51.100.2", await IngressIpsAsync("198.51.100.1 198.51.100.2"));
        Assert.Equal([$"PUT vsvip {VsVip} 200"], Writes(mark));
        watching.Cancel();
        await watch;

        Assert.NotEmpty(seen);
        Assert.DoesNotContain("", seen);
    }

    [Fact]
    public async Task A_v6cidr_on_aws_rejects_the_setting_naming_the_cloud_and_the_fix_and_without_it_the_setting_is_accepted_and_applied()
    {
        await ApplyAsync("""[{"networkName":"red-a","v6cidr":"2001:db8:253::/64"}]""", publicIp: false);
        Assert.Equal("Rejected", await StatusAsync("red"));
        var error = (await _world.Kubectl.SucceedAsync("get", "aviinfrasetting", "red", "-o", "jsonpath={.status.error}")).StandardOutput.Trim();
        Assert.Equal("AviInfraSetting red gives VIP network red-a a v6cidr (2001:db8:253::/64), and the cloud is CLOUD_AWS; IPv6 VIPs are supported on " +
                     "vCenter, NSX-T and no-access clouds only (as in AKO): remove v6cidr from spec.network.vipNetworks", error);
        // A Service attached to it is served with the controller's own settings (alb-vip), not on red-a.
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80");
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", $"{Annotation}=red");
        Assert.Equal("172.16.251.1", await IngressIpsAsync("172.16.251.1"));
        Assert.Equal([("1", "alb-vip")], Entries());

        // Fixed, with two networks: the controller refuses a PUT swapping the only vip entry for another (its vip_id changes),
        // which a one-network-to-one-network change on AWS still writes today.
        var mark = _world.AuditMark;
        await ApplyAsync("""[{"networkName":"red-a"},{"networkName":"red-b"}]""", publicIp: false);

        Assert.Equal("172.16.253.1 172.16.254.1", await IngressIpsAsync("172.16.253.1 172.16.254.1"));
        Assert.Equal("Accepted", await StatusAsync("red"));
        Assert.Equal([$"PUT vsvip {VsVip} 200"], Writes(mark));
    }

    private List<(string Id, string Subnet)> Entries() =>
        _world.AviObject("vsvip", VsVip)!["vip"]!.AsArray()
            .Select(v => (v!["vip_id"]!.GetValue<string>(), v["subnet_uuid"]!.GetValue<string>())).ToList();

    private async Task ApplyAsync(string vipNetworks, bool publicIp) =>
        (await _world.Kubectl.RunWithInputAsync(
            """{"apiVersion":"ako.vmware.com/v1beta1","kind":"AviInfraSetting","metadata":{"name":"red"},"spec":{"network":{"vipNetworks":NETWORKS,"enablePublicIP":FLAG}}}"""
                .Replace("NETWORKS", vipNetworks, StringComparison.Ordinal).Replace("FLAG", publicIp ? "true" : "false", StringComparison.Ordinal),
            "apply", "-f", "-")).EnsureSuccess();

    private List<string> Writes(long mark) => _world.WriteLinesSince(mark).Where(w => !w.Contains(" vrfcontext ", StringComparison.Ordinal)).ToList();

    /// <summary>Every <c>status.loadBalancer.ingress[].ip</c>, space-separated, once it is <paramref name="expected"/>.</summary>
    private Task<string> IngressIpsAsync(string expected) =>
        Eventually.GetAsync(async () =>
        {
            var ips = (await _world.Kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[*].ip}")).StandardOutput.Trim();
            return ips == expected ? ips : null;
        }, $"status.loadBalancer.ingress of Service default/web listing {expected}", TimeSpan.FromSeconds(30));

    private Task<string> StatusAsync(string name) =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "aviinfrasetting", name, "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 ? status : null;
        }, $"a status on AviInfraSetting {name}", TimeSpan.FromSeconds(30));
}
