using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests.Deployment;

/// <summary>Only replicas that can do the work own trees, also when replicas find each other through Kubernetes discovery
/// (where bootstrap joins a pod to the cluster whatever its state): a pod with a wrong Avi password joins, is not ready, and
/// hosts no owner — none of the load balancers freezes behind it — while the ready pods own and write everything.</summary>
/// <remarks>Shapes relied on: AviSim audits every write with the sender's <c>X-Ako-Replica</c> (the pod name here); a
/// replica's <c>ako_owned_entities{kind="service"}</c> gauge counts the Service owners it hosts.</remarks>
public sealed class UnreadyReplicaTests
{
    private const int ServiceCount = 18;

    [SkippableFact]
    public async Task A_pod_with_a_wrong_avi_password_joins_through_discovery_but_hosts_no_owner()
    {
        Skip.If(Testing.Kubectl.KubectlRunner.FindKubectl() is null, "kubectl is not installed");
        await using var world = await DeployedCluster.StartAsync(replicas: 2);
        var healthy = world.Running.ToList();

        world.NextPod = new DeployedCluster.PodOverrides(Environment: new Dictionary<string, string> { ["AVI_PASSWORD"] = "not-the-password" });
        await world.ScaleAsync(3, ready: 2);
        var broken = world.Running.Single(r => !healthy.Contains(r));
        await world.WithLogsAsync(() => Eventually.HoldsAsync(async () =>
            (await world.MembersSeenByAsync(healthy[0])).Contains(broken.PodIp), $"{broken.PodName} joining the cluster through discovery",
            TimeSpan.FromSeconds(60)));

        for (var i = 0; i < ServiceCount; i++) await CreateLoadBalancerAsync(world, $"svc-{i:00}");
        await world.WithLogsAsync(() => Eventually.HoldsAsync(async () =>
        {
            var services = (await world.Client.CoreV1.ListNamespacedServiceAsync("default")).Items;
            return services.Count(s => s.Status?.LoadBalancer?.Ingress is [{ Ip.Length: > 0 }]) == ServiceCount;
        }, "every Service to show its VIP", TimeSpan.FromSeconds(90)));
        await world.WithLogsAsync(() => Eventually.HoldsAsync(async () =>
            (await Task.WhenAll(healthy.Select(r => world.OwnedAsync(r, "service")))).Sum() == ServiceCount,
            $"the ready pods to own all {ServiceCount} Services", TimeSpan.FromSeconds(30)));

        Assert.Equal(0, await world.OwnedAsync(broken, "service"));
        Assert.Contains(broken.PodIp, await world.MembersSeenByAsync(healthy[0]));
        var writers = world.Avi.Simulator.Audit.Entries.Where(e => e.Method != "GET").Select(e => e.Replica).Distinct().ToList();
        Assert.All(writers, w => Assert.Contains(w, healthy.Select(r => r.PodName)));
    }

    [SkippableFact]
    public async Task A_pod_that_loses_the_avi_controller_has_its_owners_moved_to_the_pods_that_can_write()
    {
        Skip.If(Testing.Kubectl.KubectlRunner.FindKubectl() is null, "kubectl is not installed");
        await using var world = await DeployedCluster.StartAsync(replicas: 2);
        var healthy = world.Running.ToList();
        // The third pod reaches the controller through a path the test can cut, as a broken node network would.
        await using var path = await CuttableTcpPath.OpenAsync(new Uri(world.Avi.HttpsUrl!));
        world.NextPod = new DeployedCluster.PodOverrides(Arguments: new Dictionary<string, string> { ["--avi-url"] = path.Url });
        await world.ScaleAsync(3);
        var cutOff = world.Running.Single(r => !healthy.Contains(r));

        var services = Enumerable.Range(0, ServiceCount).Select(i => $"cut-{i:00}").ToList();
        var slices = new SliceChurn(world.Client, "default");
        foreach (var service in services) await slices.CreateAsync(service);
        await world.WithLogsAsync(() => Eventually.HoldsAsync(async () =>
        {
            var owned = await Task.WhenAll(world.Running.Select(r => world.OwnedAsync(r, "service")));
            return owned.Sum() == ServiceCount && owned.All(n => n > 0) && services.All(s => PoolServers(world, s) == 1);
        }, $"{ServiceCount} Services written and owned by all three pods", TimeSpan.FromSeconds(90)));

        path.Cut();
        foreach (var service in services) await slices.ChangeAsync(service);

        // Its owners fail to write, it stops being ready, and sharding moves them to the two pods that can write.
        await world.WithLogsAsync(() => Eventually.HoldsAsync(async () =>
            await world.OwnedAsync(cutOff, "service") == 0 && (await Task.WhenAll(healthy.Select(r => world.OwnedAsync(r, "service")))).Sum() == ServiceCount,
            $"the ready pods to own every Service, {cutOff.PodName} none", TimeSpan.FromSeconds(60)));
        await world.WithLogsAsync(() => Eventually.HoldsAsync(() => Task.FromResult(services.All(s => PoolServers(world, s) == slices.Expected(s))),
            "every pool to hold the endpoints changed while the pod was cut off", TimeSpan.FromSeconds(60)));
        using var http = new HttpClient();
        var readiness = await http.GetAsync($"{cutOff.HttpBase}/readyz");
        Assert.Equal(503, (int)readiness.StatusCode);
        Assert.Contains("Avi Controller unreachable", await readiness.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static int? PoolServers(DeployedCluster world, string service) =>
        world.Avi.Simulator.FindObject("pool", $"avi-cluster--default-{service}-TCP-80")?["servers"]?.AsArray().Count;

    private static Task CreateLoadBalancerAsync(DeployedCluster world, string name) =>
        world.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec
            {
                Type = "LoadBalancer",
                Selector = new Dictionary<string, string> { ["app"] = name },
                Ports = [new V1ServicePort { Port = 80, TargetPort = 8080, Protocol = "TCP" }],
            },
        }, "default");
}
