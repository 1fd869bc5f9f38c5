using System.Net;
using System.Text.Json.Nodes;
using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests;

/// <summary>The seed article's L4 half, driven with the real kubectl and KubernetesClient against KubeSim, realised by
/// the controller on AviSim, checked on both sides.</summary>
public sealed class SeedArticleL4Tests : IAsyncLifetime
{
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() => _world = await ControllerWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Expose_scale_and_delete_with_kubectl_give_a_vip_one_pool_put_per_readiness_change_and_a_clean_controller()
    {
        var kubectl = _world.Kubectl;
        // What the API server publishes about nginx1's endpoints, in order, as the controller's informer sees it too.
        using var watching = new CancellationTokenSource();
        var published = new ReadySetRecorder();
        var watch = published.RecordAsync(_world.Client, "default", "nginx1", watching.Token);
        (await kubectl.RunAsync("create", "deploy", "nginx1", "--image=nginxhellos/demo")).EnsureSuccess();
        (await kubectl.RunAsync("expose", "deploy", "nginx1", "--type=LoadBalancer", "--port=80")).EnsureSuccess();

        var externalIp = await Eventually.GetAsync(async () =>
        {
            var line = (await kubectl.RunAsync("get", "svc", "nginx1", "--no-headers")).EnsureSuccess().StandardOutput;
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return columns.Length > 3 && columns[3] != "<pending>" ? columns[3] : null;
        }, "an EXTERNAL-IP on nginx1", TimeSpan.FromSeconds(20));
        Assert.True(IPAddress.TryParse(externalIp, out var vip));
        Assert.InRange(vip.GetAddressBytes()[3], 1, 100);
        Assert.StartsWith("172.16.251.", externalIp, StringComparison.Ordinal);

        var vs = _world.AviObject("virtualservice", "avi-cluster--default-nginx1");
        Assert.NotNull(vs);
        Assert.NotNull(_world.AviObject("vsvip", "avi-cluster--default-nginx1"));
        Assert.NotNull(_world.AviObject("l4policyset", "avi-cluster--default-nginx1"));
        await Eventually.HoldsAsync(() => Task.FromResult(Servers("avi-cluster--default-nginx1-TCP-80").Count == 1), "one server in the pool");

        var mark = _world.AuditMark;
        (await kubectl.RunAsync("scale", "deploy", "nginx1", "--replicas=5")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(Servers("avi-cluster--default-nginx1-TCP-80").Count == 5), "five servers in the pool");
        var podIps = (await _world.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=nginx1")).Items
            .Where(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            .Select(p => p.Status.PodIP).Order().ToList();
        Assert.Equal(podIps, Servers("avi-cluster--default-nginx1-TCP-80").Order());
        // The store changes a moment before the audit entry is written: wait for the entry rather than race it.
        // Only this Service's tree counts (the static routes of the nodes are written by their own owner meanwhile).
        var writes = await Eventually.GetAsync(() => Task.FromResult(
            _world.WritesSince(mark).Where(w => w.Name?.StartsWith("avi-cluster--default-nginx1", StringComparison.Ordinal) == true).ToList() is { Count: > 0 } w ? w : null),
            "the pool PUT in the audit log");
        // Scaling touches the pool only: no virtual service, vsvip or policy set is written again.
        Assert.All(writes, w => Assert.Equal(("PUT", "pool"), (w.Method, w.ObjectType)));
        // How many readiness waves the pods come in depends on KubeSim's per-pod timers and the machine's load, so the
        // bound is what the API server published: the pool is written at most once per ready set (its POST included), and
        // writes that overlap a new set coalesce into one. An audit entry recorded late only lowers the count.
        var readySets = await Eventually.GetAsync(() => Task.FromResult(published.Changes is { } sets && sets[^1].Count == 5 ? sets : null),
            "the five ready addresses in the watched EndpointSlice");
        var poolWrites = _world.WritesSince().Count(w => w.ObjectType == "pool" && w.Name == "avi-cluster--default-nginx1-TCP-80" && w.Status is >= 200 and < 300);
        Assert.True(poolWrites >= 2 && poolWrites <= readySets.Count,
            $"{poolWrites} writes of the pool for {readySets.Count} published ready sets: {string.Join(" -> ", readySets.Select(r => $"[{string.Join(", ", r)}]"))}");
        await watching.CancelAsync();
        await watch;

        (await kubectl.RunAsync("delete", "svc", "nginx1")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("virtualservice", "avi-cluster--default-nginx1") is null &&
                                                          _world.AviObject("vsvip", "avi-cluster--default-nginx1") is null &&
                                                          _world.AviObject("pool", "avi-cluster--default-nginx1-TCP-80") is null &&
                                                          _world.AviObject("l4policyset", "avi-cluster--default-nginx1") is null),
            "the whole L4 tree to be deleted");
        // The freed VIP is handed out again: the next Service gets the same address.
        (await kubectl.RunAsync("expose", "deploy", "nginx1", "--name=nginx2", "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        var reused = await Eventually.GetAsync(async () =>
            (await _world.Client.CoreV1.ReadNamespacedServiceAsync("nginx2", "default")).Status?.LoadBalancer?.Ingress?.FirstOrDefault()?.Ip,
            "an EXTERNAL-IP on nginx2");
        Assert.Equal(externalIp, reused);
    }

    [Fact]
    public async Task A_service_created_through_KubernetesClient_gets_one_pool_per_port_and_a_status_with_its_fqdn()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1ServiceSpec
            {
                Type = "LoadBalancer",
                Selector = new Dictionary<string, string> { ["app"] = "web" },
                Ports =
                [
                    new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080, Protocol = "TCP" },
                    new V1ServicePort { Name = "dns", Port = 53, TargetPort = 5353, Protocol = "UDP" },
                ],
            },
        };
        await _world.Client.CoreV1.CreateNamespacedServiceAsync(service, "default");

        var status = await Eventually.GetAsync(async () =>
            (await _world.Client.CoreV1.ReadNamespacedServiceAsync("web", "default")).Status?.LoadBalancer?.Ingress?.FirstOrDefault(),
            "a load-balancer status on web");
        Assert.Equal("web.default.ako.example.com", status.Hostname);
        Assert.NotNull(_world.AviObject("pool", "avi-cluster--default-web-TCP-80"));
        Assert.NotNull(_world.AviObject("pool", "avi-cluster--default-web-UDP-53"));
        var rules = _world.AviObject("l4policyset", "avi-cluster--default-web")!["l4_connection_policy"]!["rules"]!.AsArray();
        Assert.Equal(2, rules.Count);
    }

    [Fact]
    public async Task A_dns_style_service_on_tcp_and_udp_53_listens_on_both_protocols_each_with_its_pool()
    {
        // The recorded AKO scenario's shop/dns: the same port number once per protocol.
        (await _world.Kubectl.RunAsync("create", "deploy", "dns", "--image=coredns/coredns", "--replicas=2")).EnsureSuccess();
        (await _world.Kubectl.RunWithInputAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: dns}
            spec:
              type: LoadBalancer
              selector: {app: dns}
              ports:
              - {name: dns-tcp, protocol: TCP, port: 53, targetPort: 53}
              - {name: dns-udp, protocol: UDP, port: 53, targetPort: 53}
            """, "apply", "-f", "-")).EnsureSuccess();

        await Eventually.HoldsAsync(() => Task.FromResult(
                Servers("avi-cluster--default-dns-TCP-53").Count == 2 && Servers("avi-cluster--default-dns-UDP-53").Count == 2 &&
                _world.AviObject("virtualservice", "avi-cluster--default-dns") is not null),
            "the VS and two servers in each of the TCP and UDP pools");
        var vs = _world.AviObject("virtualservice", "avi-cluster--default-dns")!;
        var listeners = vs["services"]!.AsArray()
            .Select(s => $"{s!["port"]}/{(s["override_network_profile_ref"] is { } profile ? ProfileName(profile.GetValue<string>()) : "-")}")
            .ToList();
        Assert.Equal(["53/-", "53/System-UDP-Fast-Path"], listeners);
        Assert.Equal("System-TCP-Proxy", ProfileName(vs["network_profile_ref"]!.GetValue<string>()));
        var rules = _world.AviObject("l4policyset", "avi-cluster--default-dns")!["l4_connection_policy"]!["rules"]!.AsArray()
            .Select(r => $"{r!["match"]!["protocol"]!["protocol"]} {r["match"]!["port"]!["ports"]![0]}")
            .ToList();
        Assert.Equal(["PROTOCOL_TCP 53", "PROTOCOL_UDP 53"], rules);
        var status = (await _world.Kubectl.RunAsync("get", "svc", "dns", "--no-headers")).EnsureSuccess().StandardOutput;
        Assert.Contains("53:", status, StringComparison.Ordinal);
        Assert.Contains("/UDP", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restarting_the_controller_with_nothing_changed_makes_no_avi_writes()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            (await _world.Kubectl.RunAsync("create", "deploy", name, "--image=nginxhellos/demo")).EnsureSuccess();
            (await _world.Kubectl.RunAsync("expose", "deploy", name, "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        }
        await Eventually.HoldsAsync(async () =>
            (await _world.Client.CoreV1.ListNamespacedServiceAsync("default")).Items
                .Where(s => s.Spec.Type == "LoadBalancer")
                .All(s => s.Status?.LoadBalancer?.Ingress?.Count == 1 && Servers($"avi-cluster--default-{s.Metadata.Name}-TCP-80").Count == 1),
            "three services with a VIP and one server each");
        await Eventually.HoldsAsync(() => Task.FromResult(
                _world.AviObject("vrfcontext", "global")?["static_routes"] is JsonArray routes && routes.Count == 6),
            "the six nodes' static routes in the VRF");

        await _world.Replicas[0].StopAsync();
        var mark = _world.AuditMark;
        var restarted = await _world.StartReplicaAsync("replica-restarted");
        await _world.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(
                restarted.Metrics.ReconcileCount("service", "converged") >= 3 && restarted.Metrics.SweepCount >= 1),
            "the restarted replica to have reconciled all three services and swept the controller", TimeSpan.FromSeconds(30));

        Assert.Empty(_world.WritesSince(mark));
    }

    [Fact]
    public async Task A_service_the_controller_cannot_realise_gets_a_warning_event_that_kubectl_shows()
    {
        (await _world.Kubectl.RunWithInputAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: sctp-svc}
            spec:
              type: LoadBalancer
              selector: {app: x}
              ports: [{port: 9000, protocol: SCTP}]
            """, "apply", "-f", "-")).EnsureSuccess();

        var events = await Eventually.GetAsync(async () =>
        {
            var output = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=sctp-svc")).StandardOutput;
            return output.Contains("UnsupportedProtocol", StringComparison.Ordinal) ? output : null;
        }, "an UnsupportedProtocol event on sctp-svc");
        Assert.Contains("SCTP", events, StringComparison.Ordinal);
        Assert.Null(_world.AviObject("virtualservice", "avi-cluster--default-sctp-svc"));
    }

    /// <summary>The name of the system network profile a ref (a uuid URL, as AviSim renders refs) points at.</summary>
    private string ProfileName(string reference) =>
        new[] { "System-TCP-Proxy", "System-TCP-Fast-Path", "System-UDP-Fast-Path" }
            .FirstOrDefault(name => _world.AviObject("networkprofile", name)?["url"]?.GetValue<string>() == reference) ?? reference;

    private List<string> Servers(string pool) =>
        _world.AviObject("pool", pool)?["servers"] is JsonArray servers
            ? servers.Select(s => s!["ip"]!["addr"]!.GetValue<string>()).ToList()
            : [];
}
