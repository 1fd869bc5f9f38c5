using System.Text.Json.Nodes;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using k8s;
using k8s.Models;

namespace AkoActors.KubeSim.Tests;

/// <summary>
/// A KubeSim restarted with a snapshot is the same API server to its clients (same CA, certificate and token, same
/// CRDs served), its watch history size is an option, and a snapshot that cannot be written is reported, not a crash.
/// </summary>
public class RestartAndSnapshotFailureTests
{
    [Fact]
    public async Task A_client_built_before_a_restart_with_a_snapshot_reconnects_with_the_same_CA_and_token()
    {
        var folder = Directory.CreateTempSubdirectory("kubesim-restart-");
        var snapshot = Path.Combine(folder.FullName, "store.jsonl");
        var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
        var options = new KubeSimOptions { Workloads = WorkloadOptions.None, SnapshotPath = snapshot, KubeconfigPath = kubeconfig };
        string firstCa;
        string? firstToken;
        Kubernetes client;
        await using (var first = await KubeSimServer.StartAsync(options))
        {
            firstCa = first.CaCertificatePem!;
            firstToken = first.Token;
            // Built once, from the first run's kubeconfig, as a long-running controller would be.
            client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept" } }, "default");
            var crd = JsonNode.Parse("""
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"notes.sim.example.com"},
                 "spec":{"group":"sim.example.com","scope":"Cluster","names":{"plural":"notes","kind":"Note"},
                 "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
                """)!;
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesJson.Deserialize<V1CustomResourceDefinition>(crd.ToJsonString()));
            await client.CustomObjects.CreateClusterCustomObjectAsync(new JsonObject { ["apiVersion"] = "sim.example.com/v1", ["kind"] = "Note", ["metadata"] = new JsonObject { ["name"] = "n1" } }, "sim.example.com", "v1", "notes");
        }

        await using (var second = await KubeSimServer.StartAsync(options with { Port = new Uri(KubeconfigSummaryServer(kubeconfig)).Port }))
        {
            Assert.Equal(firstCa, second.CaCertificatePem);
            Assert.Equal(firstToken, second.Token);
            var kept = await client.CoreV1.ReadNamespacedConfigMapAsync("kept", "default");
            Assert.Equal("kept", kept.Metadata.Name);
            var note = await client.CustomObjects.GetClusterCustomObjectAsync<System.Text.Json.JsonElement>("sim.example.com", "v1", "notes", "n1");
            Assert.Equal("n1", note.GetProperty("metadata").GetProperty("name").GetString());
        }
        client.Dispose();
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ServerIdentityFile.PathFor(snapshot)));
        }
        folder.Delete(recursive: true);
    }

    [SkippableFact]
    public async Task A_full_disk_at_snapshot_time_is_reported_and_the_previous_snapshot_survives()
    {
        Skip.IfNot(File.Exists("/dev/full"), "SKIPPED: /dev/full (a device that is always out of space) is not available on this system.");
        var folder = Directory.CreateTempSubdirectory("kubesim-fulldisk-");
        var snapshot = Path.Combine(folder.FullName, "store.jsonl");
        var options = new KubeSimOptions { Workloads = WorkloadOptions.None, SnapshotPath = snapshot };
        await using (var first = await SimulatorScope.StartAsync(options))
        {
            await first.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "saved" } }, "default");
        }
        var previous = await File.ReadAllTextAsync(snapshot);

        var second = await KubeSimServer.StartAsync(options);
        // The snapshot is written through <path>.tmp: pointing it at /dev/full makes the write fail with ENOSPC, as a full disk does.
        File.CreateSymbolicLink(snapshot + ".tmp", "/dev/full");
        await second.DisposeAsync();

        Assert.NotNull(second.SnapshotError);
        Assert.Contains(snapshot, second.SnapshotError, StringComparison.Ordinal);
        Assert.Contains("Free disk space or choose another --snapshot path", second.SnapshotError, StringComparison.Ordinal);
        Assert.Equal(previous, await File.ReadAllTextAsync(snapshot));
        Assert.False(File.Exists(snapshot + ".tmp"));
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task The_watch_history_size_is_an_option_so_a_watch_from_an_evicted_version_gets_410()
    {
        Assert.Equal(5, KubeSimCommand.Parse(["--watch-history", "5"]).HistorySize);
        await using var sim = await SimulatorScope.StartAsync(new KubeSimOptions { Workloads = WorkloadOptions.None, HistorySize = 5 });
        var start = sim.Server.Store.ResourceVersion;
        for (var i = 0; i < 6; i++)
        {
            await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm{i}" } }, "default");
        }

        var evicted = await sim.Http.GetStringAsync(new Uri($"/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1&resourceVersion={start}", UriKind.Relative));
        var recent = await sim.Http.GetStringAsync(new Uri($"/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1&resourceVersion={start + 2}", UriKind.Relative));

        var error = JsonNode.Parse(evicted.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single())!;
        Assert.Equal("ERROR", (string?)error["type"]);
        Assert.Equal(410, (int)error["object"]!["code"]!);
        Assert.Equal(4, recent.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static string KubeconfigSummaryServer(string kubeconfig) =>
        File.ReadAllLines(kubeconfig).Select(l => l.Trim()).First(l => l.StartsWith("server:", StringComparison.Ordinal))["server:".Length..].Trim();
}
