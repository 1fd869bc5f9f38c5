using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Workloads;

namespace AkoActors.KubeSim.Tests;

/// <summary>The KubeSim executable's command line (System.CommandLine): options map onto <see cref="KubeSimOptions"/>,
/// and a bad one is refused by name before anything listens.</summary>
public sealed class KubeSimCommandTests
{
    [Fact]
    public void Options_map_onto_the_server_options_and_omitted_ones_keep_their_documented_defaults()
    {
        var defaults = KubeSimCommand.Parse([]);
        Assert.Equal((6443, true, true), (defaults.Port, defaults.UseHttps, defaults.RequireToken));
        Assert.Equal(Path.Combine(".state", "kubesim", "kubeconfig"), defaults.KubeconfigPath);
        Assert.Equal(TimeSpan.FromMilliseconds(200), defaults.Workloads.PodReadyDelay);

        var options = KubeSimCommand.Parse(["--port", "0", "--http", "--no-token", "--token", "t0k", "--pod-ready-delay", "0", "--kubeconfig", "k"]);
        Assert.Equal((0, false, false, "t0k", "k"), (options.Port, options.UseHttps, options.RequireToken, options.Token, options.KubeconfigPath));
        Assert.Equal(TimeSpan.Zero, options.Workloads.PodReadyDelay);

        Assert.Equal(WorkloadOptions.None, KubeSimCommand.Parse(["--no-workloads"]).Workloads);
    }

    [Theory]
    [InlineData("--port", "70000", "--port must be a port number 0-65535")]
    [InlineData("--pod-ready-delay", "-5", "--pod-ready-delay")]
    [InlineData("--prot", "1", "--prot")]
    public void A_bad_option_is_refused_naming_it(string option, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => KubeSimCommand.Parse([option, value]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
