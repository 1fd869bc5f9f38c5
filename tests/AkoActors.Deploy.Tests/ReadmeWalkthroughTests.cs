using System.Diagnostics;
using AkoActors.Deploy.Tests.Helm;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;
using AkoActors.Testing.Fixtures;
using AkoActors.Testing.Kubectl;

namespace AkoActors.Deploy.Tests;

/// <summary>The README's "Try it on KubeSim" commands, run as written (against an in-process KubeSim with the seed
/// cluster instead of the one `dotnet run` starts), so the instructions a new user follows keep working.</summary>
public sealed class ReadmeWalkthroughTests
{
    private const string SectionMarker = "Try it on KubeSim";

    [SkippableFact]
    public async Task README_helm_install_on_KubeSim_works_as_written()
    {
        ChartFiles.AkoValuesFixture("seed-article-values.yaml");
        HelmRequirement.Require();
        Assert.True(KubectlRunner.FindKubectl() is not null, new KubectlMissingException().Message);
        var commands = ReadmeCommands();
        Assert.Contains(commands, c => c.StartsWith("helm install ako-actors deploy/helm/ako-actors -f ../shared/fixtures/ako-values/seed-article-values.yaml", StringComparison.Ordinal));

        await using var sim = await KubeSimServer.StartAsync(new KubeSimOptions { Workloads = new WorkloadOptions { PodReadyDelay = TimeSpan.Zero } });
        using var home = new TemporaryFolder();
        var outputs = new List<string>();
        foreach (var command in commands)
        {
            outputs.Add(await RunShellAsync(command, sim.KubeconfigPath, home.Path));
        }

        var listing = outputs[^1];
        Assert.Matches(@"deployment\.apps/ako-actors\s+3/3", listing);
        Assert.Matches(@"configmap/avi-k8s-config\s+\d+", listing);
        Assert.Matches(@"secret/avi-secret\s+Opaque\s+2", listing);
        Assert.Matches(@"poddisruptionbudget\.policy/ako-actors\s+N/A\s+1", listing);
        Assert.Equal(3, listing.Split('\n').Count(l => l.StartsWith("pod/ako-actors-", StringComparison.Ordinal) && l.Contains("Running", StringComparison.Ordinal)));
    }

    /// <summary>The commands of the README's KubeSim block, continuation lines joined; starting KubeSim and pointing
    /// KUBECONFIG at it are done by the test.</summary>
    private static List<string> ReadmeCommands()
    {
        var readme = File.ReadAllText(Path.Combine(SharedFolder.RepositoryRoot!, "README.md"));
        var section = readme.IndexOf(SectionMarker, StringComparison.Ordinal);
        Assert.True(section >= 0, $"README.md has no \"{SectionMarker}\" paragraph any more; update this test with the README");
        var start = readme.IndexOf("```\n", section, StringComparison.Ordinal) + 4;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        return block.Replace("\\\n", " ", StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(" #")[0].Trim())
            .Where(line => !line.StartsWith("dotnet run", StringComparison.Ordinal) && !line.StartsWith("export KUBECONFIG", StringComparison.Ordinal))
            .ToList();
    }

    private static async Task<string> RunShellAsync(string command, string kubeconfig, string home)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = SharedFolder.RepositoryRoot!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = home;
        start.Environment["HELM_CACHE_HOME"] = System.IO.Path.Combine(home, "helm-cache");
        start.Environment["HELM_CONFIG_HOME"] = System.IO.Path.Combine(home, "helm-config");
        start.Environment["HELM_DATA_HOME"] = System.IO.Path.Combine(home, "helm-data");
        if (HelmRunner.FindHelm() is { } helm) start.Environment["PATH"] = System.IO.Path.GetDirectoryName(helm) + ":" + start.Environment["PATH"];
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"README command failed: {command}\n(exit {process.ExitCode})\n{await stdout}\n{await stderr}");
        return await stdout;
    }

    /// <summary>A HOME for the commands, so they never touch the user's kubectl and helm settings.</summary>
    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("readme-home-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder.
            }
        }
    }
}
