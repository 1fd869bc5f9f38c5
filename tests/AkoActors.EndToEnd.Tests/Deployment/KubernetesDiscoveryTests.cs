using Akka.Actor;
using Akka.Configuration;
using AkoActors.Hosting;
using AkoActors.Kubernetes.Leases;
using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests.Deployment;

/// <summary>Cluster formation as deployed: deploy/ rendered with kustomize and applied to KubeSim, each pod of the
/// Deployment a replica process on its own loopback pod IP, finding the others through KubeSim's pod list (Akka.Management
/// cluster bootstrap with Kubernetes API discovery) — one cluster, entities spread, scaling to one replica and back.</summary>
public sealed class KubernetesDiscoveryTests
{
    private const int ServiceCount = 24;

    [SkippableFact]
    public async Task Deploy_renders_with_kustomize_and_carries_what_discovery_needs()
    {
        Skip.If(Testing.Kubectl.KubectlRunner.FindKubectl() is null, "kubectl is not installed");
        await using var world = await DeployedCluster.StartAsync(replicas: 0);

        var deployment = world.Manifests.Single("Deployment", "ako-actors").Yaml;
        Assert.Contains("fieldPath: status.podIP", deployment);
        Assert.Contains("name: POD_IP", deployment);
        Assert.Contains("name: REQUIRED_CONTACT_POINTS", deployment);
        Assert.Contains("--discovery", deployment);
        Assert.Contains($"- {DeployedCluster.PodSelector}", deployment);
        // Everything rendered was applied (StartAsync); the API server holds what discovery needs.
        var applied = await world.Client.AppsV1.ReadNamespacedDeploymentAsync("ako-actors", DeployedCluster.Namespace);
        Assert.Equal("ako-actors", applied.Spec.Template.Metadata.Labels["app"]);
        var role = await world.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("ako-actors-discovery", DeployedCluster.Namespace);
        Assert.Contains(role.Rules, rule => rule.Resources.Contains("pods") && rule.Verbs.Contains("list"));
        var binding = await world.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("ako-actors-discovery", DeployedCluster.Namespace);
        Assert.Contains(binding.Subjects, subject => subject.Kind == "ServiceAccount" && subject.Name == applied.Spec.Template.Spec.ServiceAccountName);
        var budget = await world.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("ako-actors", DeployedCluster.Namespace);
        Assert.Equal("ako-actors", budget.Spec.Selector.MatchLabels["app"]);
    }

    [SkippableFact]
    public async Task Three_pods_find_each_other_through_the_pod_list_form_one_cluster_spread_entities_and_scale_to_one_and_back()
    {
        Skip.If(Testing.Kubectl.KubectlRunner.FindKubectl() is null, "kubectl is not installed");
        await using var world = await DeployedCluster.StartAsync(replicas: 3);

        await AssertOneClusterAsync(world, 3);
        for (var i = 0; i < ServiceCount; i++) await CreateLoadBalancerAsync(world, $"svc-{i:00}");
        await AssertEveryServiceOwnedOnceAsync(world, spreadOverAll: true);

        await world.ScaleAsync(1);
        await AssertOneClusterAsync(world, 1);
        await AssertEveryServiceOwnedOnceAsync(world, spreadOverAll: true);
        // Scaled-in pods got SIGTERM: they left the cluster, handed their shards over and exited cleanly.
        Assert.All(world.All.Where(r => r.HasExited), r => Assert.True(r.ExitCode == 0, $"{r.PodName} exited {r.ExitCode}:\n{r.LogTail()}"));
        // The survivor saw two of three members leave gracefully: it renews the cluster Lease for itself alone, and never
        // took its own cluster for a second one (which stopped its writes until the Lease expired).
        var survivor = world.Running.Single();
        await world.WithLogsAsync(() => Eventually.HoldsAsync(async () =>
        {
            var lease = await world.Client.CoordinationV1.ReadNamespacedLeaseAsync(ControllerHost.ClusterLeaseName("avi-cluster"), DeployedCluster.Namespace);
            var members = lease.Metadata.Annotations?.TryGetValue(KubernetesClusterLeaseStore.MembersAnnotation, out var listed) == true ? listed : "";
            return members.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var only] && only.Contains($"@{survivor.PodIp}:", StringComparison.Ordinal);
        }, "the cluster Lease to list the survivor alone", TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain("held by another AkoActors cluster", survivor.LogTail(int.MaxValue));

        await world.ScaleAsync(3);
        await AssertOneClusterAsync(world, 3);
        await AssertEveryServiceOwnedOnceAsync(world, spreadOverAll: true);
    }

    [SkippableFact]
    public async Task A_replica_the_cluster_downs_exits_its_process()
    {
        Skip.If(Testing.Kubectl.KubectlRunner.FindKubectl() is null, "kubectl is not installed");
        await using var world = await DeployedCluster.StartAsync(replicas: 2);
        await AssertOneClusterAsync(world, 2);
        var victim = world.Running.OrderBy(r => r.PodIp, StringComparer.Ordinal).Last();

        // Another member downs it, as the split-brain resolver does with a replica it judged dead (paused, partitioned).
        var seed = $"akka.tcp://ako-actors@{world.Running[0].PodIp}:{world.RemotingPort}";
        using var operatorNode = ActorSystem.Create("ako-actors", ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.cluster { seed-nodes = ["{{seed}}"], roles = [operator] }
            akka.cluster.sharding.role = ako
            """));
        var cluster = Akka.Cluster.Cluster.Get(operatorNode);
        await Eventually.HoldsAsync(() => Task.FromResult(cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up),
            "the operator node to join the replicas' cluster", TimeSpan.FromSeconds(60));
        cluster.Down(new Address("akka.tcp", "ako-actors", victim.PodIp, world.RemotingPort));

        var exitCode = await victim.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Hosting.ReplicaLifetime.ActorSystemEnded, exitCode);
        Assert.Contains("was downed or removed", victim.LogTail(200));
        await cluster.LeaveAsync();
    }

    private static async Task AssertOneClusterAsync(DeployedCluster world, int replicas)
    {
        var expected = world.Running.Select(r => r.PodIp).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(replicas, expected.Count);
        await world.WithLogsAsync(() => Eventually.HoldsAsync(async () =>
        {
            foreach (var replica in world.Running)
            {
                if (!(await world.MembersSeenByAsync(replica)).SequenceEqual(expected)) return false;
            }
            return true;
        }, $"every replica to see exactly the members {string.Join(", ", expected)}", TimeSpan.FromSeconds(60)));
    }

    private static async Task AssertEveryServiceOwnedOnceAsync(DeployedCluster world, bool spreadOverAll)
    {
        var seen = "nothing yet";
        await world.WithLogsAsync(async () =>
        {
            try
            {
                await Eventually.HoldsAsync(async () =>
                {
                    var owned = await Task.WhenAll(world.Running.Select(r => world.OwnedAsync(r, "service")));
                    var ready = await Task.WhenAll(world.Running.Select(world.ReadyMembersSeenByAsync));
                    seen = string.Join(", ", world.Running.Select((r, i) => $"{r.PodName} owns {owned[i]} and sees {ready[i]} member(s) ready"));
                    // Every replica's view of who may host owners (the gauge an operator reads) agrees with the membership.
                    return owned.Sum() == ServiceCount && (!spreadOverAll || owned.All(n => n > 0)) && ready.All(n => n == world.Running.Count);
                    // A deadline, not a window: new pods own shards only once ready (after listing everything) and rebalancing moves a
                    // few every 2 s; a full CI run beside the simulation tests once needed more than 90 s.
                }, $"{ServiceCount} Services owned exactly once, by every replica", TimeSpan.FromSeconds(180));
            }
            catch (TimeoutException timeout)
            {
                throw new TimeoutException($"{timeout.Message}; last seen: {seen}", timeout);
            }
        });
        await world.WithLogsAsync(() => Eventually.HoldsAsync(async () =>
        {
            var services = (await world.Client.CoreV1.ListNamespacedServiceAsync("default")).Items;
            return services.Count(s => s.Status?.LoadBalancer?.Ingress is [{ Ip.Length: > 0 }]) == ServiceCount;
        }, "every Service to show its VIP", TimeSpan.FromSeconds(60)));
    }

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
