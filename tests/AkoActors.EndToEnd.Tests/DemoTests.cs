using System.CommandLine;
using System.Text.Json.Nodes;
using AkoActors.Demo;
using AkoActors.Testing;
using AkoActors.Testing.Kubectl;

namespace AkoActors.EndToEnd.Tests;

/// <summary>The demo entry point (src/AkoActors.Demo) through its own command line: it writes the kubeconfig where
/// <c>--state-dir</c> says, kubectl drives it, and it stops on cancellation like Ctrl-C.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_writes_its_kubeconfig_under_the_state_directory_and_kubectl_lists_the_seed_nodes()
    {
        var stateDir = Directory.CreateTempSubdirectory("ako-demo-").FullName;
        using var stop = new CancellationTokenSource();
        var demo = DemoCommand.Create().Parse(["--state-dir", stateDir]).InvokeAsync(cancellationToken: stop.Token);

        var endpointsPath = Path.Combine(stateDir, "endpoints.json");
        var endpoints = await Eventually.GetAsync(
            () => Task.FromResult(File.Exists(endpointsPath) ? JsonNode.Parse(File.ReadAllText(endpointsPath)) : null),
            "the demo writes endpoints.json once everything is ready", TimeSpan.FromSeconds(90));

        var kubeconfig = Path.Combine(stateDir, "kubeconfig");
        Assert.Equal(kubeconfig, endpoints!["kubeconfig"]!.GetValue<string>());
        using var kubectl = new KubectlRunner(kubeconfig);
        var nodes = await kubectl.SucceedAsync("get", "nodes", "-o", "name");
        Assert.Contains("node/avi-node1", nodes.StandardOutput, StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await demo);
        Assert.False(File.Exists(endpointsPath), "a stopped demo removes endpoints.json so scripts do not find a dead one");
    }

    [Fact]
    public void A_mistyped_option_is_refused_by_name_before_anything_starts()
    {
        var parse = DemoCommand.Create().Parse(["--kube-prot", "1"]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("--kube-prot", StringComparison.Ordinal));
    }
}
