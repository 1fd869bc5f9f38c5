using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests.Routes;

/// <summary>Static routes end to end: KubeSim's seed nodes and kubectl on one side, AviSim's global VRF on the other, the
/// controller in between; foreign routes on the controller are never touched.</summary>
public sealed class StaticRouteTests
{
    private const string Cluster = "avi-cluster";

    private static readonly string[] SeedRoutes =
    [
        "avi-cluster-1: 10.244.0.0/24 via 172.16.250.11", "avi-cluster-2: 10.244.1.0/24 via 172.16.250.12",
        "avi-cluster-3: 10.244.2.0/24 via 172.16.250.13", "avi-cluster-4: 10.244.3.0/24 via 172.16.250.21",
        "avi-cluster-5: 10.244.4.0/24 via 172.16.250.22", "avi-cluster-6: 10.244.5.0/24 via 172.16.250.23",
    ];

    [Fact]
    public async Task Seed_nodes_get_six_routes_a_kubectl_node_adds_one_and_deleting_it_removes_only_that_one_while_a_foreign_route_survives()
    {
        await using var world = await ControllerWorld.StartAsync();
        using var vrf = new VrfOnTheController(world);

        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).SequenceEqual(SeedRoutes)), "the six seed routes");
        Assert.Equal([200], (await VrfWritesSinceAsync(world, 0, until: 200)).Select(w => w.Status));

        await vrf.AddRouteByHandAsync("1", "192.168.77.0", 24, "10.52.2.23");
        const string foreign = "1: 192.168.77.0/24 via 10.52.2.23";

        var mark = world.AuditMark;
        (await world.Kubectl.RunWithInputAsync(NodeYaml("avi-node4", "172.16.250.24", "10.244.6.0/24"), "apply", "-f", "-")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).Contains("avi-cluster-7: 10.244.6.0/24 via 172.16.250.24")),
            "a route for avi-node4");
        // Ours are edited in place; the hand-made route keeps its place between them.
        Assert.Equal([.. SeedRoutes.Select(r => $"{r} [clustername={Cluster}]"), foreign, "avi-cluster-7: 10.244.6.0/24 via 172.16.250.24 [clustername=avi-cluster]"],
            vrf.Routes());
        // The hand edit made our copy stale: the first PUT is refused (412), the owner re-reads, merges and writes once more.
        Assert.Equal([412, 200], (await VrfWritesSinceAsync(world, mark, until: 200)).Select(w => w.Status));

        mark = world.AuditMark;
        (await world.Kubectl.RunAsync("delete", "node", "avi-node4")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).Count == 6), "avi-node4's route to go");
        Assert.Equal([.. SeedRoutes.Select(r => $"{r} [clustername={Cluster}]"), foreign], vrf.Routes());
        Assert.Equal([200], (await VrfWritesSinceAsync(world, mark, until: 200)).Select(w => w.Status));
    }

    [Fact]
    public async Task A_node_whose_pod_cidr_overlaps_another_nodes_gets_a_warning_event_and_no_route_while_a_good_node_still_gets_one()
    {
        await using var world = await ControllerWorld.StartAsync();
        using var vrf = new VrfOnTheController(world);
        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).Count == 6), "the six seed routes");

        (await world.Kubectl.RunWithInputAsync(NodeYaml("avi-node9", "172.16.250.29", "10.244.3.0/25"), "apply", "-f", "-")).EnsureSuccess();
        (await world.Kubectl.RunWithInputAsync(NodeYaml("avi-node5", "172.16.250.25", "10.244.7.0/24", "ako.vmware.com/pod-cidrs: 10.244.8.0/24"),
            "apply", "-f", "-")).EnsureSuccess();
        (await world.Kubectl.RunWithInputAsync(NodeYaml("avi-node6", "172.16.250.26", "10.244.9.0/24", "ako.vmware.com/pod-cidrs: 10.244.9.0/33"),
            "apply", "-f", "-")).EnsureSuccess();

        var overlap = await Eventually.GetAsync(async () =>
        {
            var output = (await world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=avi-node9")).StandardOutput;
            return output.Contains("PodCIDROverlap", StringComparison.Ordinal) ? output : null;
        }, "a PodCIDROverlap event on avi-node9");
        Assert.Contains("avi-node1", overlap, StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () =>
            (await world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=avi-node6")).StandardOutput
            .Contains("InvalidPodCIDRAnnotation", StringComparison.Ordinal), "an InvalidPodCIDRAnnotation event on avi-node6");
        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).Contains("avi-cluster-7: 10.244.8.0/24 via 172.16.250.25")),
            "the annotated node's route");
        Assert.Equal([.. SeedRoutes, "avi-cluster-7: 10.244.8.0/24 via 172.16.250.25"], vrf.RoutesOf(Cluster));
    }

    [Fact]
    public async Task Two_hundred_nodes_registering_through_the_api_cost_a_handful_of_vrf_puts()
    {
        await using var world = await ControllerWorld.StartAsync();
        using var vrf = new VrfOnTheController(world);
        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).Count == 6), "the six seed routes");
        var mark = world.AuditMark;

        var started = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await world.Client.CoreV1.CreateNodeAsync(new V1Node
            {
                Metadata = new V1ObjectMeta { Name = $"worker-{i:000}" },
                Spec = new V1NodeSpec { PodCIDR = $"10.{100 + (i / 250)}.{i % 250}.0/24" },
                Status = new V1NodeStatus { Addresses = [new V1NodeAddress { Type = "InternalIP", Address = $"172.20.0.{i + 1}" }] },
            }, cancellationToken: ct));
        var registered = DateTimeOffset.UtcNow - started;
        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).Count == 206), "206 routes", TimeSpan.FromSeconds(60));
        var converged = DateTimeOffset.UtcNow - started;

        var puts = (await VrfWritesSinceAsync(world, mark, until: 200)).Count(w => w.Status == 200);
        Console.WriteLine($"200 nodes registered in {registered.TotalSeconds:0.0} s, routed {converged.TotalSeconds:0.0} s after the first: {puts} VRF PUT(s)");
        Assert.InRange(puts, 1, 10);
        Assert.Equal(SeedRoutes, vrf.RoutesOf(Cluster).Take(6));
    }

    [Fact]
    public async Task Restarting_the_controller_with_nothing_changed_makes_no_vrf_write()
    {
        await using var world = await ControllerWorld.StartAsync();
        using var vrf = new VrfOnTheController(world);
        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).Count == 6), "the six seed routes");

        await world.Replicas[0].StopAsync();
        var mark = world.AuditMark;
        var restarted = await world.StartReplicaAsync("replica-restarted");
        await world.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(restarted.Metrics.ReconcileCount("vrf", "converged") >= 1),
            "the restarted replica's VRF owner to have heard from every node and compared", TimeSpan.FromSeconds(30));

        Assert.Empty(world.WritesSince(mark));
        Assert.Equal(SeedRoutes, vrf.RoutesOf(Cluster));
    }

    [Fact]
    public async Task Delete_config_set_live_removes_exactly_our_routes_and_unset_brings_them_back()
    {
        await using var world = await ControllerWorld.StartAsync();
        using var vrf = new VrfOnTheController(world);
        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).Count == 6), "the six seed routes");
        await vrf.AddRouteByHandAsync("ops-1", "192.168.77.0", 24, "10.52.2.23");

        await SetDeleteConfigAsync(world, "true");
        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).Count == 0), "our routes to go", TimeSpan.FromSeconds(30));
        Assert.Equal(["ops-1: 192.168.77.0/24 via 10.52.2.23"], vrf.Routes());

        await SetDeleteConfigAsync(world, "false");
        await Eventually.HoldsAsync(() => Task.FromResult(vrf.RoutesOf(Cluster).SequenceEqual(SeedRoutes)), "our routes back", TimeSpan.FromSeconds(30));
        Assert.Equal("ops-1: 192.168.77.0/24 via 10.52.2.23", vrf.Routes()[0]);
    }

    [Fact]
    public async Task With_disable_static_route_sync_the_vrf_is_never_written_while_services_still_work()
    {
        await using var world = await ControllerWorld.StartAsync(ControllerWorld.SeedSettings(s => s with { DisableStaticRouteSync = true }));
        using var vrf = new VrfOnTheController(world);

        (await world.Kubectl.RunAsync("create", "deploy", "nginx1", "--image=nginxhellos/demo")).EnsureSuccess();
        (await world.Kubectl.RunAsync("expose", "deploy", "nginx1", "--type=LoadBalancer", "--port=80")).EnsureSuccess();
        await Eventually.HoldsAsync(async () =>
            (await world.Client.CoreV1.ReadNamespacedServiceAsync("nginx1", "default")).Status?.LoadBalancer?.Ingress?.Count == 1, "a VIP on nginx1");

        Assert.DoesNotContain(world.WritesSince(), w => w.ObjectType == "vrfcontext");
        Assert.Empty(vrf.Routes());
        Assert.Equal(0, world.Replicas[0].Metrics.OwnedEntities("node-route"));
    }

    /// <summary>The controller's VRF writes audited since <paramref name="mark"/>, once one answered <paramref name="until"/> is among
    /// them (the simulator audits a write just after answering it, so new routes can be visible a moment before their entry).</summary>
    private static async Task<IReadOnlyList<AviSim.Audit.AuditEntry>> VrfWritesSinceAsync(ControllerWorld world, long mark, int until)
    {
        List<AviSim.Audit.AuditEntry> Writes() =>
            world.WritesSince(mark).Where(w => w.ObjectType == "vrfcontext" && w.Replica != VrfOnTheController.Operator).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(Writes().Any(w => w.Status == until)), $"a VRF write answered {until} to be audited");
        return Writes();
    }

    /// <summary>deleteConfig in the avi-k8s-config ConfigMap, which every replica watches.</summary>
    private static async Task SetDeleteConfigAsync(ControllerWorld world, string value)
    {
        var existing = (await world.Client.CoreV1.ListNamespacedConfigMapAsync("avi-system", fieldSelector: "metadata.name=avi-k8s-config")).Items;
        if (existing.Count == 0)
        {
            await world.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "avi-k8s-config" },
                Data = new Dictionary<string, string> { ["deleteConfig"] = value },
            }, "avi-system");
            return;
        }
        var body = new System.Text.Json.Nodes.JsonObject { ["data"] = new System.Text.Json.Nodes.JsonObject { ["deleteConfig"] = value } };
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
        await world.Client.CoreV1.PatchNamespacedConfigMapAsync(patch, "avi-k8s-config", "avi-system");
    }

    internal static string NodeYaml(string name, string internalIp, string podCidr, string? annotation = null, string? label = null) => $$"""
        apiVersion: v1
        kind: Node
        metadata:
          name: {{name}}
          labels: {kubernetes.io/hostname: {{name}}{{(label is null ? string.Empty : ", " + label)}}}
          annotations: {{{annotation ?? string.Empty}}}
        spec: {podCIDR: {{podCidr}}, podCIDRs: [{{podCidr}}]}
        status:
          addresses: [{type: InternalIP, address: {{internalIp}}}, {type: Hostname, address: {{name}}}]
        """;
}
