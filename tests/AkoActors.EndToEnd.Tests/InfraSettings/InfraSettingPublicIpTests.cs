using AkoActors.Testing;
using k8s;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>An AviInfraSetting's <c>network.enablePublicIP</c> end to end on a public cloud (AviSim's <c>Default-Cloud</c> of
/// <c>vtype: CLOUD_GCP</c>): the vsvip's vip entry asks <c>auto_allocate_floating_ip: true</c> as AKO writes it, the controller
/// allocates a floating IP beside the VIP (AviSim: 198.51.100.0/24), and the Service's status shows the floating IP, as AKO
/// reports it instead of the VIP. Turning it off or on is one vsvip PUT; the status never goes empty.</summary>
/// <remarks>Shapes relied on: AKO's v1beta1 AviInfraSetting <c>spec.network.enablePublicIP</c> (boolean), the Service
/// annotation <c>aviinfrasetting.ako.vmware.com/name</c>, a vsvip's <c>vip[].{auto_allocate_floating_ip, floating_ip.addr,
/// ip_address.addr}</c>.</remarks>
public sealed class InfraSettingPublicIpTests : IAsyncLifetime
{
    private const string Annotation = "aviinfrasetting.ako.vmware.com/name";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await InfraSettingWorld.StartOnCloudAsync("CLOUD_GCP");

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Enable_public_ip_gives_the_vip_a_floating_ip_the_status_shows_and_each_change_is_one_vsvip_put()
    {
        await ApplyAsync(true);
        Assert.Equal("Accepted", await StatusAsync("public"));
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80");
        var vip = await ExternalIpAsync("172.16.251.");
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = ServiceStatusHistory.RecordAsync(_world.Client, "default", "web", seen, watching.Token);
        var mark = _world.AuditMark;

        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", $"{Annotation}=public");

        var floating = await ExternalIpAsync("198.51.100.");
        var entry = _world.AviObject("vsvip", "avi-cluster--default-web")!["vip"]![0]!;
        Assert.True(entry["auto_allocate_floating_ip"]!.GetValue<bool>());
        Assert.Equal(floating, entry["floating_ip"]!["addr"]!.GetValue<string>());
        Assert.Equal(vip, entry["ip_address"]!["addr"]!.GetValue<string>());
        Assert.Equal(["PUT vsvip avi-cluster--default-web 200"], Writes(mark));

        // Off: the default written back, the floating IP released, the status back on the VIP; on again: the same address.
        mark = _world.AuditMark;
        await ApplyAsync(false);
        Assert.Equal(vip, await ExternalIpAsync("172.16.251."));
        Assert.False(_world.AviObject("vsvip", "avi-cluster--default-web")!["vip"]![0]!["auto_allocate_floating_ip"]!.GetValue<bool>());
        Assert.Null(_world.AviObject("vsvip", "avi-cluster--default-web")!["vip"]![0]!["floating_ip"]);
        Assert.Equal(["PUT vsvip avi-cluster--default-web 200"], Writes(mark));

        mark = _world.AuditMark;
        await ApplyAsync(true);
        Assert.Equal(floating, await ExternalIpAsync("198.51.100."));
        Assert.Equal(["PUT vsvip avi-cluster--default-web 200"], Writes(mark));
        watching.Cancel();
        await watch;

        Assert.NotEmpty(seen);
        Assert.All(seen, ip => Assert.True(ip == vip || ip == floating, $"status showed '{ip}' (VIP {vip}, floating {floating}): [{string.Join(", ", seen)}]"));
    }

    private async Task ApplyAsync(bool enablePublicIp) =>
        (await _world.Kubectl.RunWithInputAsync(
            """{"apiVersion":"ako.vmware.com/v1beta1","kind":"AviInfraSetting","metadata":{"name":"public"},"spec":{"network":{"enablePublicIP":FLAG}}}"""
                .Replace("FLAG", enablePublicIp ? "true" : "false", StringComparison.Ordinal),
            "apply", "-f", "-")).EnsureSuccess();

    private List<string> Writes(long mark) => _world.WriteLinesSince(mark).Where(w => !w.Contains(" vrfcontext ", StringComparison.Ordinal)).ToList();

    private Task<string> ExternalIpAsync(string prefix) =>
        Eventually.GetAsync(async () =>
        {
            var ip = (await _world.Kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return ip.StartsWith(prefix, StringComparison.Ordinal) ? ip : null;
        }, $"an EXTERNAL-IP in {prefix}x on Service default/web", TimeSpan.FromSeconds(30));

    private Task<string> StatusAsync(string name) =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "aviinfrasetting", name, "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 ? status : null;
        }, $"a status on AviInfraSetting {name}", TimeSpan.FromSeconds(30));

}
