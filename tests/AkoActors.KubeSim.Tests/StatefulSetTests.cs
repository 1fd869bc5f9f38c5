using System.Text.Json.Nodes;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.KubeSim.Tests;

/// <summary>The simulated StatefulSet controller seen through KubernetesClient: stable ordinal Pods created in order, removed highest first, rolled out by revision.</summary>
public class StatefulSetTests
{
    private static V1StatefulSet StatefulSet(string name, int replicas, string image = "ako:1", string policy = "OrderedReady") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = name,
            PodManagementPolicy = policy,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = image }] },
            },
        },
    };

    private static async Task<V1StatefulSet> SettledAsync(SimulatorScope sim, string name, int replicas) =>
        await Eventually.GetAsync(async () =>
        {
            var set = await sim.Client.AppsV1.ReadNamespacedStatefulSetAsync(name, "default");
            var s = set.Status;
            return s is not null && s.ObservedGeneration == set.Metadata.Generation && s.ReadyReplicas == replicas && s.Replicas == replicas &&
                s.UpdatedReplicas == replicas && s.CurrentRevision == s.UpdateRevision ? set : null;
        }, $"statefulset {name} settled at {replicas} ready replicas");

    // Every pod event since a resourceVersion, replayed from the server's watch history in commit order.
    private static async Task<List<(string Type, string Name, bool Ready)>> PodHistoryAsync(SimulatorScope sim, string sinceResourceVersion)
    {
        var events = new List<(string, string, bool)>();
        using var response = await sim.Http.GetAsync($"/api/v1/namespaces/default/pods?watch=true&resourceVersion={sinceResourceVersion}&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            var e = JsonNode.Parse(line)!;
            var pod = e["object"]!;
            var ready = pod["status"]?["conditions"]?.AsArray().Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True") == true;
            events.Add(((string)e["type"]!, (string)pod["metadata"]!["name"]!, ready));
        }
        return events;
    }

    [Fact]
    public async Task OrderedReady_creates_each_pod_after_the_previous_one_is_ready_and_scales_down_from_the_highest_ordinal()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync(new WorkloadOptions { PodReadyDelay = TimeSpan.FromMilliseconds(20) });
        var created = await sim.Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("ako", 3), "default");

        var set = await SettledAsync(sim, "ako", 3);
        var pods = (await sim.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=ako")).Items;
        Assert.Equal(["ako-0", "ako-1", "ako-2"], pods.Select(p => p.Metadata.Name).Order());
        Assert.All(pods, p =>
        {
            Assert.Equal(p.Metadata.Name, p.Spec.Hostname);
            Assert.Equal("ako", p.Spec.Subdomain);
            Assert.Equal(set.Status.UpdateRevision, p.Metadata.Labels["controller-revision-hash"]);
            Assert.Equal(p.Metadata.Name, p.Metadata.Labels["statefulset.kubernetes.io/pod-name"]);
            Assert.Equal(p.Metadata.Name[^1..], p.Metadata.Labels["apps.kubernetes.io/pod-index"]);
            Assert.Equal("StatefulSet", p.Metadata.OwnerReferences.Single().Kind);
        });
        Assert.StartsWith("ako-", set.Status.UpdateRevision, StringComparison.Ordinal);
        var history = await PodHistoryAsync(sim, created.Metadata.ResourceVersion);
        foreach (var (previous, next) in new[] { ("ako-0", "ako-1"), ("ako-1", "ako-2") })
        {
            var nextAdded = history.FindIndex(e => e.Type == "ADDED" && e.Name == next);
            var previousReady = history.FindIndex(e => e.Name == previous && e.Ready);
            Assert.True(previousReady >= 0 && previousReady < nextAdded, $"{next} must be created after {previous} is Ready: {string.Join(", ", history)}");
        }

        var beforeScaleDown = (await sim.Client.AppsV1.ReadNamespacedStatefulSetAsync("ako", "default")).Metadata.ResourceVersion;
        await sim.Client.AppsV1.PatchNamespacedStatefulSetScaleAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "ako", "default");
        await SettledAsync(sim, "ako", 1);
        Assert.Equal(["ako-0"], (await sim.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=ako")).Items.Select(p => p.Metadata.Name));
        var deletions = (await PodHistoryAsync(sim, beforeScaleDown)).Where(e => e.Type == "DELETED").Select(e => e.Name);
        Assert.Equal(["ako-2", "ako-1"], deletions);
    }

    [Fact]
    public async Task A_new_template_rolls_out_from_the_highest_ordinal_and_the_current_revision_follows_when_done()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync(new WorkloadOptions { PodReadyDelay = TimeSpan.FromMilliseconds(20) });
        await sim.Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("ako", 3), "default");
        var first = await SettledAsync(sim, "ako", 3);

        var patched = await sim.Client.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"ako","image":"ako:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "ako", "default");
        var second = await SettledAsync(sim, "ako", 3);

        Assert.NotEqual(first.Status.UpdateRevision, second.Status.UpdateRevision);
        Assert.Equal(second.Status.UpdateRevision, second.Status.CurrentRevision);
        Assert.Equal(2, second.Status.ObservedGeneration);
        var pods = (await sim.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=ako")).Items;
        Assert.All(pods, p => Assert.Equal("ako:2", p.Spec.Containers[0].Image));
        Assert.All(pods, p => Assert.Equal(second.Status.UpdateRevision, p.Metadata.Labels["controller-revision-hash"]));
        var replaced = (await PodHistoryAsync(sim, patched.Metadata.ResourceVersion)).Where(e => e.Type == "DELETED").Select(e => e.Name);
        Assert.Equal(["ako-2", "ako-1", "ako-0"], replaced);
    }

    [Fact]
    public async Task Parallel_creates_every_pod_at_once_and_deleting_the_set_removes_its_pods()
    {
        await using var sim = await SimulatorScope.StartWithWorkloadsAsync(new WorkloadOptions { PodReadyDelay = TimeSpan.FromSeconds(30) });
        await sim.Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("web", 4, policy: "Parallel"), "default");

        // With a 30 s start delay no pod is Ready, so only Parallel can have created all four.
        await Eventually.HoldsAsync(async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web")).Items.Count == 4, "4 pods created in parallel");
        Assert.Equal(0, (await sim.Client.AppsV1.ReadNamespacedStatefulSetAsync("web", "default")).Status?.ReadyReplicas ?? 0);

        await sim.Client.AppsV1.DeleteNamespacedStatefulSetAsync("web", "default");
        await Eventually.HoldsAsync(async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web")).Items.Count == 0, "the pods to be garbage collected");
    }
}
