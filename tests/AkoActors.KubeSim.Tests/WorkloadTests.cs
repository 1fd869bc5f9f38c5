using System.Net;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AkoActors.KubeSim.Tests;

/// <summary>The simulated cluster controllers: Deployments become Pods on worker nodes, Services get endpoints, owners take their dependents with them.</summary>
public class WorkloadTests
{
    private static V1Deployment Deployment(string name, int replicas, V1ContainerPort[]? ports = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = "nginxhellos/demo", Ports = ports }] },
            },
        },
    };

    private static async Task<IList<V1Pod>> PodsAsync(SimulatorScope sim, string app) =>
        (await sim.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: $"app={app}")).Items;

    [Fact]
    public async Task Scaling_a_deployment_adds_and_removes_ready_pods_on_worker_nodes_only()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), "default");
        await Eventually.HoldsAsync(async () => (await sim.Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default")).Status?.ReadyReplicas == 2, "2 ready replicas");

        await sim.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":7}}""", V1Patch.PatchType.MergePatch), "web", "default");
        await Eventually.HoldsAsync(async () => (await sim.Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default")).Status?.ReadyReplicas == 7, "7 ready replicas");
        var seven = await PodsAsync(sim, "web");

        Assert.Equal(7, seven.Count);
        Assert.All(seven, p => Assert.StartsWith("avi-node", p.Spec.NodeName, StringComparison.Ordinal));
        Assert.Equal(3, seven.Select(p => p.Spec.NodeName).Distinct().Count());
        Assert.All(seven, p => Assert.True(IPNetwork.Parse($"10.244.{p.Spec.NodeName[^1] - '1' + 3}.0/24").Contains(IPAddress.Parse(p.Status.PodIP))));
        Assert.Equal(7, seven.Select(p => p.Status.PodIP).Distinct().Count());

        await sim.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", "default");
        await Eventually.HoldsAsync(async () => (await PodsAsync(sim, "web")).Count == 1, "scale down to 1 pod");
        var deployment = await Eventually.GetAsync(async () =>
        {
            var d = await sim.Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
            return d.Status?.Replicas == 1 && d.Status.ReadyReplicas == 1 ? d : null;
        }, "deployment status 1/1");
        Assert.Equal(1, deployment.Status.AvailableReplicas);
        var scale = await sim.Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", "default");
        Assert.Equal("app=web", scale.Status.Selector);
    }

    [Fact]
    public async Task A_new_pod_template_rolls_out_a_new_replica_set_and_retires_the_old_one()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), "default");
        await Eventually.HoldsAsync(async () => (await PodsAsync(sim, "web")).Count == 2, "2 pods");

        await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginxhellos/demo:v2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");

        await Eventually.HoldsAsync(async () =>
        {
            var pods = await PodsAsync(sim, "web");
            return pods.Count == 2 && pods.All(p => p.Spec.Containers[0].Image == "nginxhellos/demo:v2" && p.Status.Phase == "Running");
        }, "2 pods of the new template");
        var sets = (await sim.Client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items;
        Assert.Equal(2, sets.Count);
        Assert.Equal([0, 2], sets.Select(s => s.Spec.Replicas ?? -1).Order());
        Assert.Equal(["1", "2"], sets.Select(s => s.Metadata.Annotations["deployment.kubernetes.io/revision"]).Order());
    }

    [Fact]
    public async Task Endpoint_slices_list_ready_pods_with_named_target_ports_resolved_per_pod()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 3, [new V1ContainerPort { Name = "http", ContainerPort = 8080 }]), "default");
        await sim.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", Labels = new Dictionary<string, string> { ["team"] = "red" } },
            Spec = new V1ServiceSpec
            {
                Type = "LoadBalancer",
                Selector = new Dictionary<string, string> { ["app"] = "web" },
                Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }],
            },
        }, "default");

        var slice = await Eventually.GetAsync(async () =>
        {
            var slices = (await sim.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=web")).Items;
            return slices.Count == 1 && slices[0].Endpoints?.Count == 3 ? slices[0] : null;
        }, "a slice with 3 endpoints");
        var pods = await PodsAsync(sim, "web");

        Assert.Equal("IPv4", slice.AddressType);
        Assert.Equal(8080, slice.Ports.Single().Port);
        Assert.Equal("http", slice.Ports.Single().Name);
        Assert.Equal("endpointslice-controller.k8s.io", slice.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]);
        Assert.Equal("red", slice.Metadata.Labels["team"]);
        Assert.Equal("web", slice.Metadata.OwnerReferences.Single().Name);
        Assert.Equal(pods.Select(p => p.Status.PodIP).Order(), slice.Endpoints.Select(e => e.Addresses.Single()).Order());
        Assert.All(slice.Endpoints, e => Assert.True(e.Conditions.Ready == true && e.Conditions.Serving == true && e.Conditions.Terminating == false));
        Assert.All(slice.Endpoints, e => Assert.Equal("Pod", e.TargetRef.Kind));
        var endpoints = await sim.Client.CoreV1.ReadNamespacedEndpointsAsync("web", "default");
        Assert.Equal(3, endpoints.Subsets.Single().Addresses.Count);
        Assert.Equal(8080, endpoints.Subsets.Single().Ports.Single().Port);
    }

    [Fact]
    public async Task Terminating_pods_stay_in_the_slice_as_terminating_until_they_are_gone()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync(new WorkloadOptions { PodReadyDelay = TimeSpan.Zero, PodTerminationDelay = TimeSpan.FromSeconds(2) });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), "default");
        await sim.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] },
        }, "default");
        await Eventually.HoldsAsync(async () => (await sim.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default")).Items.SingleOrDefault()?.Endpoints?.Count == 2, "2 endpoints");

        await sim.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", "default");

        var terminating = await Eventually.GetAsync(async () =>
            (await sim.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default")).Items.Single().Endpoints?.FirstOrDefault(e => e.Conditions.Terminating == true), "a terminating endpoint");
        Assert.False(terminating.Conditions.Ready);
        await Eventually.HoldsAsync(async () => (await sim.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default")).Items.Single().Endpoints?.Count == 1, "the terminated pod to leave the slice", TimeSpan.FromSeconds(20));
        Assert.Single(await PodsAsync(sim, "web"));
    }

    [Fact]
    public async Task Pods_wait_in_container_creating_for_the_configured_delay()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync(new WorkloadOptions { PodReadyDelay = TimeSpan.FromMilliseconds(500) });
        var phases = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var rv = sim.Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 1), "default");

        await foreach (var (_, pod) in sim.Client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: rv, cancellationToken: cts.Token))
        {
            phases.Add($"{pod.Status.Phase}/{pod.Status.ContainerStatuses?.Single().State.Waiting?.Reason ?? "-"}/{pod.Status.PodIP ?? "-"}");
            if (pod.Status.Phase == "Running")
            {
                break;
            }
        }

        Assert.Equal("Pending/ContainerCreating/-", phases[0]);
        Assert.StartsWith("Running/-/10.244.", phases[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_deployment_removes_its_replica_sets_and_pods_but_orphaning_keeps_them()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("gone", 2), "default");
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("kept", 2), "default");
        await Eventually.HoldsAsync(async () => (await PodsAsync(sim, "gone")).Count == 2 && (await PodsAsync(sim, "kept")).Count == 2, "4 pods");

        await sim.Client.AppsV1.DeleteNamespacedDeploymentAsync("gone", "default");
        await sim.Client.AppsV1.DeleteNamespacedDeploymentAsync("kept", "default", propagationPolicy: "Orphan");

        await Eventually.HoldsAsync(async () => (await PodsAsync(sim, "gone")).Count == 0, "pods of the deleted deployment to go away");
        await Eventually.HoldsAsync(async () => (await sim.Client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items.All(rs => rs.Metadata.OwnerReferences is null or { Count: 0 }), "the orphaned replica set to lose its owner");
        var replicaSets = (await sim.Client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items;
        Assert.Single(replicaSets);
        Assert.StartsWith("kept-", replicaSets[0].Metadata.Name, StringComparison.Ordinal);
        Assert.Equal(2, (await PodsAsync(sim, "kept")).Count);
        await Eventually.HoldsAsync(async () => (await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default")).Items.Count == 0, "the orphaning owner to go once its dependents are released");
    }

    [Fact]
    public async Task Foreground_deletion_removes_dependents_before_the_owner()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), "default");
        await Eventually.HoldsAsync(async () => (await PodsAsync(sim, "web")).Count == 2, "2 pods");

        var before = sim.Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        await sim.Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default", propagationPolicy: "Foreground");

        long ownerGone = 0;
        var heldByFinalizer = false;
        await foreach (var (type, deployment) in sim.Client.AppsV1.WatchListNamespacedDeploymentAsync("default", resourceVersion: before, cancellationToken: cts.Token))
        {
            // Status updates of the still-running deployment may come first; the deletion shows as the finalizer.
            if (type == WatchEventType.Modified && deployment.Metadata.DeletionTimestamp is not null)
            {
                Assert.Contains("foregroundDeletion", deployment.Metadata.Finalizers);
                heldByFinalizer = true;
            }
            if (type == WatchEventType.Deleted)
            {
                ownerGone = long.Parse(deployment.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
                break;
            }
        }
        var podsGone = new List<long>();
        await foreach (var (type, pod) in sim.Client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: before, cancellationToken: cts.Token))
        {
            if (type == WatchEventType.Deleted)
            {
                podsGone.Add(long.Parse(pod.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
                if (podsGone.Count == 2)
                {
                    break;
                }
            }
        }
        Assert.True(heldByFinalizer, "the owner must wait, terminating, with the foregroundDeletion finalizer");
        Assert.All(podsGone, rv => Assert.True(rv < ownerGone, $"pod deleted at {rv}, owner at {ownerGone}"));
        Assert.Empty(await PodsAsync(sim, "web"));
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_everything_in_it()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync();
        await sim.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "red" } });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), "red");
        await Eventually.HoldsAsync(async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("red")).Items.Count == 2, "2 pods in red");

        await sim.Client.CoreV1.DeleteNamespaceAsync("red");

        Assert.Empty((await sim.Client.CoreV1.ListNamespacedPodAsync("red")).Items);
        Assert.DoesNotContain("red", (await sim.Client.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name));
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.DeleteNamespaceAsync("default"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
    }

    [Fact]
    public async Task Controllers_record_the_events_a_real_cluster_shows()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync();

        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 1), "default");

        var events = await Eventually.GetAsync(async () =>
        {
            var items = (await sim.Client.CoreV1.ListNamespacedEventAsync("default")).Items;
            return items.Any(e => e.Reason == "Started") ? items : null;
        }, "the pod's Started event");
        var pod = (await PodsAsync(sim, "web")).Single();
        Assert.Contains(events, e => e.Reason == "ScalingReplicaSet" && e.InvolvedObject.Kind == "Deployment" && e.Message.StartsWith("Scaled up replica set web-", StringComparison.Ordinal) && e.Source.Component == "deployment-controller");
        Assert.Contains(events, e => e.Reason == "SuccessfulCreate" && e.Message == $"Created pod: {pod.Metadata.Name}");
        Assert.Contains(events, e => e.Reason == "Scheduled" && e.Message == $"Successfully assigned default/{pod.Metadata.Name} to {pod.Spec.NodeName}");
        Assert.Contains(events, e => e.Reason == "Started" && e.InvolvedObject.Name == pod.Metadata.Name && e.Source.Host == pod.Spec.NodeName);
    }

    [Fact]
    public async Task Pods_created_directly_are_scheduled_and_started()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync();

        await sim.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] } }, "default");

        var pod = await Eventually.GetAsync(async () =>
        {
            var p = await sim.Client.CoreV1.ReadNamespacedPodAsync("p", "default");
            return p.Status.Phase == "Running" ? p : null;
        }, "pod p running");
        Assert.StartsWith("avi-node", pod.Spec.NodeName, StringComparison.Ordinal);
        Assert.Contains(pod.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
    }
}
