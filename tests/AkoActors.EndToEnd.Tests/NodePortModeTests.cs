using System.Text.Json.Nodes;
using AkoActors.Domain.Settings;
using AkoActors.EndToEnd.Tests.Routes;
using AkoActors.Testing;
using k8s;

namespace AkoActors.EndToEnd.Tests;

/// <summary>NodePort mode (L7Settings.serviceType: NodePort) end to end: an LB Service's pool, and an Ingress pool backed by it,
/// is node InternalIP:nodePort for the nodes nodePortSelector picks, follows node changes and externalTrafficPolicy Local, and
/// no static route is written.</summary>
public sealed class NodePortModeTests
{
    private const string Pool = "avi-cluster--default-web-TCP-80";
    private const string IngressPool = "avi-cluster--web.ako.example.com_-default-web";

    [Fact]
    public async Task Lb_service_and_ingress_pools_hold_the_selected_nodes_node_ports_follow_node_changes_and_local_policy_and_no_route_is_written()
    {
        await using var world = await ControllerWorld.StartAsync(ControllerWorld.SeedSettings(s => s with
        {
            ServiceType = PoolServerMode.NodePort,
            NodePortSelector = new LabelSelectorPair("ako-pool", "true"),
        }));
        var kubectl = world.Kubectl;
        (await kubectl.RunAsync("label", "node", "avi-node1", "avi-node2", "ako-pool=true")).EnsureSuccess();
        (await kubectl.RunAsync("create", "deploy", "web", "--image=nginxhellos/demo", "--replicas=3")).EnsureSuccess();
        (await kubectl.RunAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80", "--target-port=8080")).EnsureSuccess();

        var nodePort = await Eventually.GetAsync(async () =>
            (await world.Client.CoreV1.ReadNamespacedServiceAsync("web", "default")).Spec.Ports[0].NodePort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "a nodePort on web");
        await Eventually.HoldsAsync(() => Task.FromResult(Servers(world).SequenceEqual([$"172.16.250.21:{nodePort}", $"172.16.250.22:{nodePort}"])),
            "the two selected nodes as pool servers");
        var status = await Eventually.GetAsync(async () =>
            (await world.Client.CoreV1.ReadNamespacedServiceAsync("web", "default")).Status?.LoadBalancer?.Ingress?.FirstOrDefault()?.Ip, "a VIP on web");
        Assert.StartsWith("172.16.251.", status, StringComparison.Ordinal);

        // A new node carrying the selector label joins the pool; one that loses it leaves.
        (await kubectl.RunWithInputAsync(StaticRouteTests.NodeYaml("avi-node4", "172.16.250.24", "10.244.6.0/24", label: "ako-pool: 'true'"),
            "apply", "-f", "-")).EnsureSuccess();
        (await kubectl.RunAsync("label", "node", "avi-node1", "ako-pool-")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(Servers(world).SequenceEqual([$"172.16.250.22:{nodePort}", $"172.16.250.24:{nodePort}"])),
            "avi-node4 in and avi-node1 out of the pool");

        // An Ingress backed by the same Service gets the same node servers in its host/path pool.
        (await kubectl.RunWithInputAsync("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web}
            spec:
              rules:
              - host: web.ako.example.com
                http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
            """, "apply", "-f", "-")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(Servers(world, IngressPool).SequenceEqual([$"172.16.250.22:{nodePort}", $"172.16.250.24:{nodePort}"])),
            "the Ingress pool to hold the same node servers");

        // externalTrafficPolicy Local: only selected nodes that host a ready endpoint stay (the others would drop the traffic).
        await Eventually.HoldsAsync(async () => (await HostingPodsAsync(world)).Count == 3, "three ready pods");
        var hosting = (await HostingPodsAsync(world)).Select(p => p.Node).ToHashSet(StringComparer.Ordinal);
        (await kubectl.RunAsync("patch", "svc", "web", "-p", """{"spec":{"externalTrafficPolicy":"Local"}}""")).EnsureSuccess();
        var expected = new[] { ("avi-node2", "172.16.250.22"), ("avi-node4", "172.16.250.24") }
            .Where(n => hosting.Contains(n.Item1)).Select(n => $"{n.Item2}:{nodePort}").ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(Servers(world).SequenceEqual(expected) && Servers(world, IngressPool).SequenceEqual(expected)),
            $"only selected nodes hosting a pod ({string.Join(", ", expected)}) in both pools");

        Assert.DoesNotContain(world.WritesSince(), w => w.ObjectType == "vrfcontext");
        using var vrf = new VrfOnTheController(world);
        Assert.Empty(vrf.Routes());
    }

    /// <summary>Ready pods of web and the node each runs on.</summary>
    private static async Task<List<(string Pod, string Node)>> HostingPodsAsync(ControllerWorld world) =>
        (await world.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web")).Items
            .Where(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true && p.Spec.NodeName is not null)
            .Select(p => (p.Metadata.Name, p.Spec.NodeName))
            .ToList();

    private static List<string> Servers(ControllerWorld world, string pool = Pool) =>
        world.AviObject("pool", pool)?["servers"] is JsonArray servers
            ? servers.Select(s => $"{s!["ip"]!["addr"]!.GetValue<string>()}:{s["port"]}").Order(StringComparer.Ordinal).ToList()
            : [];
}
