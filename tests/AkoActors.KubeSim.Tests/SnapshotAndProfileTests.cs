using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Profiles;
using AkoActors.KubeSim.Workloads;
using k8s;
using k8s.Models;

namespace AkoActors.KubeSim.Tests;

/// <summary>A demo survives a restart through the snapshot file, and clusters can be described in a profile file.</summary>
public class SnapshotAndProfileTests
{
    [Fact]
    public async Task A_snapshot_restores_objects_addresses_and_the_resource_version_sequence()
    {
        var folder = Directory.CreateTempSubdirectory("kubesim-snapshot-");
        var snapshot = Path.Combine(folder.FullName, "store.jsonl");
        var options = new KubeSimOptions { Workloads = WorkloadOptions.None, SnapshotPath = snapshot };
        V1Service created;
        long versionAtStop;
        await using (var first = await SimulatorScope.StartAsync(options))
        {
            created = await first.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
            {
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1ServiceSpec { Type = "NodePort", Ports = [new V1ServicePort { Port = 80 }] },
            }, "default");
            versionAtStop = first.Server.Store.ResourceVersion;
        }

        await using (var second = await SimulatorScope.StartAsync(options))
        {
            await AssertRestoredAsync(second, created, versionAtStop);
        }
        Assert.True(File.Exists(snapshot));
        folder.Delete(recursive: true);
    }

    private static async Task AssertRestoredAsync(SimulatorScope second, V1Service created, long versionAtStop)
    {
        var restored = await second.Client.CoreV1.ReadNamespacedServiceAsync("web", "default");
        var next = await second.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "other" },
            Spec = new V1ServiceSpec { Type = "NodePort", Ports = [new V1ServicePort { Port = 80, NodePort = created.Spec.Ports[0].NodePort + 1 == 32768 ? 30000 : created.Spec.Ports[0].NodePort + 1 }] },
        }, "default");

        Assert.Equal(created.Metadata.Uid, restored.Metadata.Uid);
        Assert.Equal(created.Metadata.ResourceVersion, restored.Metadata.ResourceVersion);
        Assert.Equal(created.Spec.ClusterIP, restored.Spec.ClusterIP);
        Assert.True(long.Parse(next.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > versionAtStop);
        Assert.NotEqual(created.Spec.ClusterIP, next.Spec.ClusterIP);
        var duplicate = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => second.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "clash" },
            Spec = new V1ServiceSpec { Type = "NodePort", Ports = [new V1ServicePort { Port = 80, NodePort = created.Spec.Ports[0].NodePort }] },
        }, "default"));
        Assert.Equal(422, (int)duplicate.Response.StatusCode);
    }

    [Fact]
    public async Task A_profile_file_describes_nodes_namespaces_classes_and_extra_objects()
    {
        var profile = ClusterProfileFile.Parse("""
            kubeletVersion: v1.29.4
            kubernetesService: false
            nodes:
              - {name: edge-1, internalIP: 192.0.2.10, podCIDR: 10.10.0.0/24, controlPlane: true}
              - {name: edge-2, internalIP: 192.0.2.11, podCIDR: 10.10.1.0/24, labels: {zone: b}}
            namespaces: [shop]
            ingressClasses:
              - {name: avi-lb, controller: ako.vmware.com/avi-lb, default: true}
            objects:
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: avi-k8s-config, namespace: shop}, data: {clusterName: edge}}
            """);

        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None, Profile = profile });

        var nodes = (await sim.Client.CoreV1.ListNodeAsync()).Items;
        Assert.Equal(["edge-1", "edge-2"], nodes.Select(n => n.Metadata.Name));
        Assert.Equal("v1.29.4", nodes[0].Status.NodeInfo.KubeletVersion);
        Assert.Equal("NoSchedule", nodes[0].Spec.Taints.Single().Effect);
        Assert.Equal("b", nodes[1].Metadata.Labels["zone"]);
        Assert.Equal("10.10.1.0/24", nodes[1].Spec.PodCIDR);
        Assert.Equal("edge", (await sim.Client.CoreV1.ReadNamespacedConfigMapAsync("avi-k8s-config", "shop")).Data["clusterName"]);
        Assert.Equal("true", (await sim.Client.NetworkingV1.ReadIngressClassAsync("avi-lb")).Metadata.Annotations["ingressclass.kubernetes.io/is-default-class"]);
        Assert.Empty((await sim.Client.CoreV1.ListNamespacedServiceAsync("default")).Items);
    }

    [Fact]
    public void A_profile_without_required_fields_is_refused_with_the_field_named()
    {
        var error = Assert.Throws<FormatException>(() => ClusterProfileFile.Parse("nodes: [{name: a, podCIDR: 10.0.0.0/24}]"));
        Assert.Contains("nodes[0].internalIP", error.Message, StringComparison.Ordinal);
    }
}
