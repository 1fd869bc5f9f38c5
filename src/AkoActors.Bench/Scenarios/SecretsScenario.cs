using System.Security.Cryptography;
using AkoActors.Bench.Harness;
using AkoActors.Bench.Results;
using k8s;
using k8s.Models;
using AkoActors.Simulation.Replicas;
using AkoActors.Simulation.Waiting;

namespace AkoActors.Bench.Scenarios;

/// <summary><c>secrets</c>: what a cluster's unrelated Secrets cost a replica. N Helm release Secrets (type
/// <c>helm.sh/release.v1</c>, K KiB each, as Helm keeps one per release revision) are in the cluster; half exist before the
/// replica starts (its informers list them), half are created while it runs (its watches see them). The figure is the
/// replica's resident memory once everything is quiet, and its peak.</summary>
public static class SecretsScenario
{
    public const string Name = "secrets";

    public const string HelmReleaseType = "helm.sh/release.v1";

    public static async Task<RunResult> RunAsync(BenchWorld world, ScenarioParameters p)
    {
        var result = new RunResult(Name);
        var names = Enumerable.Range(0, p.HelmSecrets).Select(i => $"sh.helm.release.v1.app{i}.v1").ToList();
        var before = names.Take(names.Count / 2).ToList();
        var after = names.Skip(names.Count / 2).ToList();

        world.Progress.Say($"creating {before.Count} Helm release Secrets of {p.HelmSecretKiB} KiB before the replica starts");
        await world.CreateAllAsync(before, name => CreateAsync(world.Client, name, p.HelmSecretKiB), p.ClientParallelism);
        await world.StartReplicasAsync(p.Replicas, p.Timeout);
        await Kit.WaitSettledAsync(world, TimeSpan.FromSeconds(1), p.Timeout);
        var listed = world.Replicas.Select(r => r.ReadMemory()).OfType<ProcessMemory>().ToList();

        world.Progress.Say($"creating {after.Count} more while it runs");
        await world.CreateAllAsync(after, name => CreateAsync(world.Client, name, p.HelmSecretKiB), p.ClientParallelism);
        await world.WaitQuietAsync(TimeSpan.FromSeconds(2), p.Timeout);

        if (listed.Count > 0) result.Add("resident memory per replica after listing the first half", listed.Max(m => m.ResidentMiB), "MiB");
        result.Add("Helm release Secrets in the cluster", names.Count, "Secrets");
        result.Add("size of each", p.HelmSecretKiB, "KiB");
        var now = world.Replicas.Select(r => r.ReadMemory()).OfType<ProcessMemory>().ToList();
        if (now.Count > 0) result.Add("resident memory per replica at the end (max over replicas)", now.Max(m => m.ResidentMiB), "MiB", note: "VmRSS");
        Kit.AddMemory(result, world);
        return result;
    }

    private static Task CreateAsync(IKubernetes client, string name, int kib)
    {
        // Helm stores a gzipped, base64-encoded release: incompressible bytes of the same size stand in for it.
        var release = RandomNumberGenerator.GetBytes(kib * 1024);
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["owner"] = "helm", ["status"] = "deployed" } },
            Type = HelmReleaseType,
            Data = new Dictionary<string, byte[]> { ["release"] = release },
        };
        return client.CoreV1.CreateNamespacedSecretAsync(secret, "default");
    }
}
