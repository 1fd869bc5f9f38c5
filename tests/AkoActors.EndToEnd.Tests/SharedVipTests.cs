using System.Text.Json.Nodes;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Issue 15 point 6: LoadBalancer Services of one namespace annotated <c>ako.vmware.com/enable-shared-vip</c>
/// with the same value share one VS and VIP, named and marked as AKO names them (VS/vsvip/L4 policy set
/// <c>&lt;cluster&gt;--&lt;ns&gt;-&lt;value&gt;</c> with markers Namespace and GatewayName, a pool per member port
/// <c>&lt;cluster&gt;--&lt;ns&gt;-&lt;svc&gt;-&lt;value&gt;-&lt;PROTO&gt;-&lt;port&gt;</c>), every member reports the VIP, made with kubectl.</summary>
public sealed class SharedVipTests : IAsyncLifetime
{
    private const string GroupVs = "avi-cluster--default-shared1";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await ControllerWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Services_sharing_a_vip_key_get_one_vs_and_one_vip_and_a_service_leaving_gets_its_own()
    {
        (await _world.Kubectl.RunWithInputAsync(Service("web", "TCP", 80, "shared1"), "apply", "-f", "-")).EnsureSuccess();
        (await _world.Kubectl.RunWithInputAsync(Service("dns", "UDP", 53, "shared1"), "apply", "-f", "-")).EnsureSuccess();

        var webIp = await ExternalIpAsync("web");
        Assert.Equal(webIp, await ExternalIpAsync("dns"));
        var vs = _world.AviObject("virtualservice", GroupVs)!;
        Assert.Equal(["53/UDP", "80/-"], vs["services"]!.AsArray()
            .Select(s => $"{s!["port"]}/{(s["override_network_profile_ref"] is null ? "-" : "UDP")}").Order(StringComparer.Ordinal));
        Assert.Equal("""[{"key":"clustername","values":["avi-cluster"]},{"key":"Namespace","values":["default"]},{"key":"GatewayName","values":["shared1"]}]""",
            Markers(vs));
        Assert.Equal(webIp, _world.AviObject("vsvip", GroupVs)!["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
        var pool = _world.AviObject("pool", "avi-cluster--default-web-shared1-TCP-80")!;
        Assert.Equal("""[{"key":"clustername","values":["avi-cluster"]},{"key":"Namespace","values":["default"]},{"key":"ServiceName","values":["web"]},{"key":"Port","values":["80"]},{"key":"Protocol","values":["TCP"]},{"key":"GatewayName","values":["shared1"]}]""",
            Markers(pool));
        Assert.NotNull(_world.AviObject("pool", "avi-cluster--default-dns-shared1-UDP-53"));
        Assert.Null(_world.AviObject("virtualservice", "avi-cluster--default-web"));
        Assert.Null(_world.AviObject("virtualservice", "avi-cluster--default-dns"));
        // Each member names the group's VS in AKO's annotation, under its own FQDN.
        var groupUuid = vs["uuid"]!.GetValue<string>();
        await Eventually.HoldsAsync(async () => (await AnnotationAsync("web")) == $$"""{"web.default.ako.example.com":"{{groupUuid}}"}""",
            "web's host → VS uuid annotation naming the group VS");

        // A third member on a port already taken stays out, with the reason; the others are untouched.
        (await _world.Kubectl.RunWithInputAsync(Service("web2", "TCP", 80, "shared1"), "apply", "-f", "-")).EnsureSuccess();
        await Eventually.HoldsAsync(async () =>
                (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=web2")).StandardOutput
                .Contains("SharedVipPortConflict", StringComparison.Ordinal),
            "a SharedVipPortConflict Warning on web2");
        Assert.Equal("", (await _world.Kubectl.RunAsync("get", "svc", "web2", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim());
        (await _world.Kubectl.RunAsync("delete", "svc", "web2")).EnsureSuccess();

        // Leaving the group: dns gets a VS and VIP of its own, the group keeps only web's listener.
        (await _world.Kubectl.RunAsync("annotate", "svc", "dns", "ako.vmware.com/enable-shared-vip-")).EnsureSuccess();
        var dnsIp = await Eventually.GetAsync(async () => await ExternalIpAsync("dns") is { } ip && ip != webIp ? ip : null, "dns's own VIP");
        Assert.NotEqual(webIp, dnsIp);
        await Eventually.HoldsAsync(() => Task.FromResult(
                _world.AviObject("virtualservice", GroupVs)?["services"]?.AsArray().Count == 1 &&
                _world.AviObject("pool", "avi-cluster--default-dns-shared1-UDP-53") is null &&
                _world.AviObject("virtualservice", "avi-cluster--default-dns") is not null),
            "the group VS with web's listener only and dns on its own VS");
        Assert.Equal(webIp, await ExternalIpAsync("web"));

        // The last member gone: the group's tree goes and its VIP is released.
        (await _world.Kubectl.RunAsync("delete", "svc", "web")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(
                _world.AviObject("virtualservice", GroupVs) is null && _world.AviObject("vsvip", GroupVs) is null &&
                _world.AviObject("pool", "avi-cluster--default-web-shared1-TCP-80") is null && _world.AviObject("l4policyset", GroupVs) is null),
            "nothing of the group left on the controller");
    }

    /// <summary>The markers as AKO writes them: our owner epoch (the fencing token) is the one AKO does not write.</summary>
    private static string Markers(JsonObject o) =>
        new JsonArray(o["markers"]!.AsArray().OfType<JsonObject>()
            .Where(m => m["key"]?.GetValue<string>() != AkoActors.Avi.Fencing.OwnerEpoch.MarkerKey)
            .Select(m => (JsonNode?)m.DeepClone()).ToArray()).ToJsonString();

    private Task<string> ExternalIpAsync(string service) =>
        Eventually.GetAsync(async () =>
        {
            var ip = (await _world.Kubectl.RunAsync("get", "svc", service, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return ip.StartsWith("172.16.251.", StringComparison.Ordinal) ? ip : null;
        }, $"an EXTERNAL-IP on {service}", TimeSpan.FromSeconds(30));

    private async Task<string?> AnnotationAsync(string service)
    {
        var json = JsonNode.Parse((await _world.Kubectl.RunAsync("get", "svc", service, "-o", "json")).EnsureSuccess().StandardOutput)!;
        return json["metadata"]!["annotations"]?["ako.vmware.com/host-fqdn-vs-uuid-map"]?.GetValue<string>();
    }

    private static string Service(string name, string protocol, int port, string sharedVip) => $$"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {{name}}
          annotations: {ako.vmware.com/enable-shared-vip: {{sharedVip}}}
        spec:
          type: LoadBalancer
          selector: {app: {{name}}}
          ports:
          - {protocol: {{protocol}}, port: {{port}}, targetPort: {{port}}}
        """;
}
