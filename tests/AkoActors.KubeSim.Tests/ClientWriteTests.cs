using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AkoActors.KubeSim.Tests;

/// <summary>Write semantics through KubernetesClient: optimistic concurrency, status subresources, generation, allocation, patches, finalizers.</summary>
public class ClientWriteTests
{
    private static V1Service LoadBalancer(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec
        {
            Type = "LoadBalancer",
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }],
        },
    };

    private static JsonObject StatusOf(HttpOperationException e) => JsonNode.Parse(e.Response.Content)!.AsObject();

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_refused_with_409_Conflict()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var created = await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" }, Data = new Dictionary<string, string> { ["k"] = "1" } }, "default");
        var stale = await sim.Client.CoreV1.ReadNamespacedConfigMapAsync("a", "default");
        created.Data["k"] = "2";
        await sim.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default");
        stale.Data["k"] = "3";
        var before = sim.Server.Store.ResourceVersion;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "a", "default"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = StatusOf(error);
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.Equal(409, (int?)status["code"]);
        Assert.Contains("the object has been modified", (string?)status["message"], StringComparison.Ordinal);
        Assert.Equal("2", (await sim.Client.CoreV1.ReadNamespacedConfigMapAsync("a", "default")).Data["k"]);
        Assert.Equal(before, sim.Server.Store.ResourceVersion);
    }

    [Fact]
    public async Task Merge_patch_of_status_sets_the_status_and_leaves_spec_alone()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var created = await sim.Client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("web"), "default");
        var patch = new V1Patch("""{"spec":{"ports":[{"port":9999}]},"status":{"loadBalancer":{"ingress":[{"ip":"172.16.251.1"}]}}}""", V1Patch.PatchType.MergePatch);

        var patched = await sim.Client.CoreV1.PatchNamespacedServiceStatusAsync(patch, "web", "default");

        Assert.Equal("172.16.251.1", patched.Status.LoadBalancer.Ingress.Single().Ip);
        Assert.Equal(80, patched.Spec.Ports.Single().Port);
        Assert.Equal(created.Spec.ClusterIP, patched.Spec.ClusterIP);
        var stored = await sim.Client.CoreV1.ReadNamespacedServiceAsync("web", "default");
        Assert.Equal(80, stored.Spec.Ports.Single().Port);
        Assert.Equal("172.16.251.1", stored.Status.LoadBalancer.Ingress.Single().Ip);
    }

    [Fact]
    public async Task Writes_to_the_main_resource_ignore_status()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var service = LoadBalancer("web");
        service.Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus { Ingress = [new V1LoadBalancerIngress { Ip = "1.2.3.4" }] } };

        var created = await sim.Client.CoreV1.CreateNamespacedServiceAsync(service, "default");
        var patched = await sim.Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"status":{"loadBalancer":{"ingress":[{"ip":"5.6.7.8"}]}}}""", V1Patch.PatchType.MergePatch), "web", "default");

        Assert.Null(created.Status.LoadBalancer.Ingress);
        Assert.Null(patched.Status.LoadBalancer.Ingress);
        Assert.Equal(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Generation_is_bumped_by_spec_changes_only()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var ingress = new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1IngressSpec
            {
                Rules = [new V1IngressRule { Host = "a.example.com", Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } } }] } }],
            },
        };
        var created = await sim.Client.NetworkingV1.CreateNamespacedIngressAsync(ingress, "default");
        var labelled = await sim.Client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch), "web", "default");
        var statused = await sim.Client.NetworkingV1.PatchNamespacedIngressStatusAsync(new V1Patch("""{"status":{"loadBalancer":{"ingress":[{"ip":"172.16.251.4"}]}}}""", V1Patch.PatchType.MergePatch), "web", "default");
        var respecced = await sim.Client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch("""{"spec":{"rules":[{"host":"b.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}""", V1Patch.PatchType.MergePatch), "web", "default");

        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(1, labelled.Metadata.Generation);
        Assert.Equal(1, statused.Metadata.Generation);
        Assert.Equal(2, respecced.Metadata.Generation);
        Assert.Equal("avi-lb", created.Spec.IngressClassName);
    }

    [Fact]
    public async Task LoadBalancer_services_get_a_cluster_ip_and_node_ports_that_survive_updates()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var first = await sim.Client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("a"), "default");
        var second = await sim.Client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("b"), "default");

        Assert.True(IPNetwork.Parse("10.96.0.0/12").Contains(IPAddress.Parse(first.Spec.ClusterIP)));
        Assert.NotEqual(first.Spec.ClusterIP, second.Spec.ClusterIP);
        Assert.InRange(first.Spec.Ports.Single().NodePort!.Value, 30000, 32767);
        Assert.NotEqual(first.Spec.Ports.Single().NodePort, second.Spec.Ports.Single().NodePort);
        Assert.Equal("Cluster", first.Spec.ExternalTrafficPolicy);

        var replacement = LoadBalancer("a");
        replacement.Metadata.ResourceVersion = first.Metadata.ResourceVersion;
        replacement.Spec.Ports[0].TargetPort = 9090;
        var updated = await sim.Client.CoreV1.ReplaceNamespacedServiceAsync(replacement, "a", "default");

        Assert.Equal(first.Spec.ClusterIP, updated.Spec.ClusterIP);
        Assert.Equal(first.Spec.Ports.Single().NodePort, updated.Spec.Ports.Single().NodePort);
        Assert.Equal("9090", updated.Spec.Ports.Single().TargetPort.Value);

        var toClusterIp = await sim.Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"spec":{"type":"ClusterIP"}}""", V1Patch.PatchType.MergePatch), "a", "default");
        Assert.Null(toClusterIp.Spec.Ports.Single().NodePort);
        var taken = LoadBalancer("c");
        taken.Spec.Ports[0].NodePort = second.Spec.Ports.Single().NodePort;
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.CreateNamespacedServiceAsync(taken, "default"));
        Assert.Equal(422, (int)conflict.Response.StatusCode);
        Assert.Contains("provided port is already allocated", conflict.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_objects_are_404_and_duplicate_names_are_409_AlreadyExists()
    {
        await using var sim = await SimulatorScope.StartAsync();
        await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, "default");

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.ReadNamespacedConfigMapAsync("nope", "default"));
        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, "default"));

        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Equal("NotFound", (string?)StatusOf(missing)["reason"]);
        Assert.Equal("configmaps \"nope\" not found", (string?)StatusOf(missing)["message"]);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Response.StatusCode);
        Assert.Equal("AlreadyExists", (string?)StatusOf(duplicate)["reason"]);
    }

    [Fact]
    public async Task Events_written_through_events_k8s_io_are_core_events_too()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var now = DateTime.UtcNow;
        await sim.Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "web.1" },
            EventTime = now,
            Reason = "Synced",
            Note = "Added virtualservice avi-cluster--default-web for web",
            Type = "Normal",
            Action = "Sync",
            ReportingController = "ako.vmware.com/avi-lb",
            ReportingInstance = "ako-0",
            Regarding = new V1ObjectReference { Kind = "Service", Name = "web", NamespaceProperty = "default", ApiVersion = "v1" },
        }, "default");
        await sim.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "web.2" },
            InvolvedObject = new V1ObjectReference { Kind = "Service", Name = "web", NamespaceProperty = "default" },
            Reason = "Removed",
            Message = "Removed virtualservice",
            Type = "Normal",
            Count = 1,
            Source = new V1EventSource { Component = "ako" },
        }, "default");

        var core = await sim.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=web");
        var modern = await sim.Client.EventsV1.ListNamespacedEventAsync("default", fieldSelector: "regarding.name=web");

        Assert.Equal(["web.1", "web.2"], core.Items.Select(e => e.Metadata.Name));
        Assert.Equal("Added virtualservice avi-cluster--default-web for web", core.Items[0].Message);
        Assert.Equal("web", core.Items[0].InvolvedObject.Name);
        Assert.Equal("Removed virtualservice", modern.Items[1].Note);
        Assert.Equal("ako", modern.Items[1].DeprecatedSource.Component);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1" }, new V1Container { Name = "sidecar", Image = "envoy:1" }] },
                },
            },
        };
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default");

        var patched = await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");

        Assert.Equal(["web=nginx:1", "sidecar=envoy:2"], patched.Spec.Template.Spec.Containers.Select(c => $"{c.Name}={c.Image}"));
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Json_patch_applies_operations_in_order_and_a_failed_test_changes_nothing()
    {
        await using var sim = await SimulatorScope.StartAsync();
        await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" }, Data = new Dictionary<string, string> { ["k"] = "1" } }, "default");

        var patched = await sim.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"test","path":"/data/k","value":"1"},{"op":"add","path":"/data/j","value":"2"},{"op":"remove","path":"/data/k"}]""", V1Patch.PatchType.JsonPatch), "a", "default");
        var before = sim.Server.Store.ResourceVersion;
        var failed = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"test","path":"/data/j","value":"9"},{"op":"remove","path":"/data/j"}]""", V1Patch.PatchType.JsonPatch), "a", "default"));

        Assert.Equal(new Dictionary<string, string> { ["j"] = "2" }, patched.Data);
        Assert.Equal(422, (int)failed.Response.StatusCode);
        Assert.Equal(before, sim.Server.Store.ResourceVersion);
    }

    [Fact]
    public async Task A_finalizer_keeps_a_deleted_object_terminating_until_it_is_removed()
    {
        await using var sim = await SimulatorScope.StartAsync();
        await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a", Finalizers = ["example.com/keep"] } }, "default");

        await sim.Client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");
        var terminating = await sim.Client.CoreV1.ReadNamespacedConfigMapAsync("a", "default");
        await sim.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "a", "default");

        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.ReadNamespacedConfigMapAsync("a", "default"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task Leases_can_be_acquired_and_renewed_with_optimistic_concurrency()
    {
        await using var sim = await SimulatorScope.StartAsync();
        var lease = await sim.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "ako" }, Spec = new V1LeaseSpec { HolderIdentity = "ako-0", LeaseDurationSeconds = 15 } }, "avi-system");
        lease.Spec.RenewTime = DateTime.UtcNow;

        var renewed = await sim.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "ako", "avi-system");
        lease.Spec.HolderIdentity = "ako-1";
        var stolen = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "ako", "avi-system"));

        Assert.Equal("ako-0", renewed.Spec.HolderIdentity);
        Assert.Equal(HttpStatusCode.Conflict, stolen.Response.StatusCode);
    }
}
