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

        Assert.Equal("10.96.0.0/12,fd00:10:96::/112", defaults.Registry.ServiceCidr);
        Assert.Equal("10.43.0.0/16", KubeSimCommand.Parse(["--service-cluster-ip-range", "10.43.0.0/16"]).Registry.ServiceCidr);
    }

    [Theory]
    [InlineData("--port", "70000", "--port must be a port number 0-65535")]
    [InlineData("--pod-ready-delay", "-5", "--pod-ready-delay")]
    [InlineData("--prot", "1", "--prot")]
    [InlineData("--service-cluster-ip-range", "10.96.0.0", "--service-cluster-ip-range: the service CIDR \"10.96.0.0\" is not a CIDR (address/prefix)")]
    [InlineData("--service-cluster-ip-range", "10.96.0.0/12,10.97.0.0/16", "must be one range, or an IPv4 and an IPv6 range separated by a comma")]
    public void A_bad_option_is_refused_naming_it(string option, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => KubeSimCommand.Parse([option, value]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
