using System.Text.Json.Nodes;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>An AviInfraSetting's <c>network.listeners</c> and <c>network.enablePublicIP</c> on the shared L7 VSes of the
/// Ingresses of a class naming it, end to end on a public cloud (AviSim's <c>Default-Cloud</c> of <c>vtype: CLOUD_GCP</c>):
/// listeners become the VS's <c>services[]</c> as AKO builds them (a listener replaces the port of its number or is added),
/// and the Ingress's status shows the floating IP the controller allocated beside the VIP.</summary>
/// <remarks>Shapes relied on: AKO's v1beta1 AviInfraSetting <c>spec.network.{listeners[].{port, enableSSL, enableHTTP2},
/// enablePublicIP}</c>, <c>spec.l7Settings.shardSize</c>, attached through IngressClass <c>spec.parameters</c>; the setting's
/// shared VS <c>avi-cluster--Shared-L7-&lt;setting&gt;-0</c> (shard 0 of SMALL) with <c>services[].{port, enable_ssl,
/// enable_http2}</c>; a vsvip's <c>vip[].{floating_ip.addr, ip_address.addr}</c>.</remarks>
public sealed class IngressInfraSettingFieldsTests : IAsyncLifetime
{
    private const string SettingVs = "avi-cluster--Shared-L7-edge-0";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await InfraSettingWorld.StartOnCloudAsync("CLOUD_GCP");
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--port=80");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Listeners_become_the_shared_vs_ports_and_each_edit_rewrites_only_that_vs()
    {
        await ServeShopAsync("""listeners: [{port: 443, enableSSL: true, enableHTTP2: true}, {port: 8443, enableSSL: true}]""");
        await Eventually.HoldsAsync(() => Task.FromResult(Ports().SequenceEqual(["80", "443 ssl http2", "8443 ssl"])), "the listeners on the setting's VS",
            TimeSpan.FromSeconds(30));

        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "aviinfrasetting", "edge", "--type=merge", "-p",
            """{"spec":{"network":{"listeners":[{"port":8443,"enableSSL":true},{"port":8080}]}}}""");

        await Eventually.HoldsAsync(() => Task.FromResult(Ports().SequenceEqual(["80", "443 ssl", "8443 ssl", "8080"])), "the edited listeners",
            TimeSpan.FromSeconds(30));
        Assert.Equal([$"PUT virtualservice {SettingVs}"], await SettledWritesAsync(mark));

        // Removed: the shared VS's own ports written back (HTTP/2 off: the controller's default), one PUT.
        mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "aviinfrasetting", "edge", "--type=json", "-p", """[{"op":"remove","path":"/spec/network/listeners"}]""");

        await Eventually.HoldsAsync(() => Task.FromResult(Ports().SequenceEqual(["80", "443 ssl"])), "the shared VS's own ports", TimeSpan.FromSeconds(30));
        Assert.Equal([$"PUT virtualservice {SettingVs}"], await SettledWritesAsync(mark));
    }

    [Fact]
    public async Task Enable_public_ip_shows_the_floating_ip_on_the_ingress_and_turning_it_off_shows_the_vip_again()
    {
        var vip = await ServeShopAsync("enablePublicIP: false", "172.16.251.");

        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "aviinfrasetting", "edge", "--type=merge", "-p", """{"spec":{"network":{"enablePublicIP":true}}}""");

        var floating = await AddressAsync("198.51.100.");
        var entry = _world.AviObject("vsvip", SettingVs)!["vip"]![0]!;
        Assert.Equal((floating, vip), (entry["floating_ip"]!["addr"]!.GetValue<string>(), entry["ip_address"]!["addr"]!.GetValue<string>()));
        Assert.Equal([$"PUT vsvip {SettingVs}"], await SettledWritesAsync(mark));

        mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "aviinfrasetting", "edge", "--type=merge", "-p", """{"spec":{"network":{"enablePublicIP":false}}}""");

        Assert.Equal(vip, await AddressAsync("172.16.251."));
        Assert.Null(_world.AviObject("vsvip", SettingVs)!["vip"]![0]!["floating_ip"]);
        Assert.Equal([$"PUT vsvip {SettingVs}"], await SettledWritesAsync(mark));
    }

    /// <summary>The setting <c>edge</c> (SMALL, with <paramref name="network"/> under <c>spec.network</c>), a class naming it and
    /// Ingress <c>shop</c> of that class, served: its address.</summary>
    private async Task<string> ServeShopAsync(string network, string addressPrefix = "172.16.251.")
    {
        await ApplyAsync($$"""
            apiVersion: ako.vmware.com/v1beta1
            kind: AviInfraSetting
            metadata: {name: edge}
            spec:
              network:
                {{network}}
              l7Settings: {shardSize: SMALL}
            """);
        Assert.Equal("Accepted", await Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "aviinfrasetting", "edge", "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 ? status : null;
        }, "a status on AviInfraSetting edge", TimeSpan.FromSeconds(30)));
        await ApplyAsync(InfraSettingWorld.IngressClass("edge-class", "edge"));
        await _world.Kubectl.SucceedAsync("create", "ingress", "shop", "--class=edge-class", "--rule=shop.ako.example.com/*=web:80");
        return await AddressAsync(addressPrefix);
    }

    private List<string> Ports() =>
        _world.AviObject("virtualservice", SettingVs)?["services"]?.AsArray().OfType<JsonObject>()
            .Select(s => string.Join(" ", new[]
            {
                s["port"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture),
                s["enable_ssl"]?.GetValue<bool>() == true ? "ssl" : null,
                s["enable_http2"]?.GetValue<bool>() == true ? "http2" : null,
            }.OfType<string>())).ToList() ?? [];

    /// <summary>The writes since the mark, once the controller has written something (the pass that made the change writes
    /// everything it changes).</summary>
    private async Task<List<string>> SettledWritesAsync(long mark)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(Writes(mark).Count > 0), "the edit's write", TimeSpan.FromSeconds(30));
        return Writes(mark);
    }

    private List<string> Writes(long mark) =>
        _world.WritesSince(mark).Where(w => w.Status < 300 && w.ObjectType != "vrfcontext").Select(w => $"{w.Method} {w.ObjectType} {w.Name}").ToList();

    private Task<string> AddressAsync(string prefix) =>
        Eventually.GetAsync(async () =>
        {
            var ip = (await _world.Kubectl.RunAsync("get", "ing", "shop", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return ip.StartsWith(prefix, StringComparison.Ordinal) ? ip : null;
        }, $"an ADDRESS in {prefix}x on Ingress default/shop", TimeSpan.FromSeconds(30));

    private async Task ApplyAsync(string manifest) => (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();
}
