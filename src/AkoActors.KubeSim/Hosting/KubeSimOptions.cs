using AkoActors.KubeSim.Http;
using AkoActors.KubeSim.Profiles;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Workloads;

namespace AkoActors.KubeSim.Hosting;

/// <summary>How to start a KubeSim: where to listen, how clients authenticate, what the cluster contains and which controllers run.</summary>
public sealed record KubeSimOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (see <see cref="KubeSimServer.Url"/>).</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with a generated CA (default); false serves plain HTTP (tests only).</summary>
    public bool UseHttps { get; init; } = true;

    /// <summary>Require <c>Authorization: Bearer &lt;token&gt;</c> on API requests (default).</summary>
    public bool RequireToken { get; init; } = true;

    /// <summary>The bearer token; null generates a random one.</summary>
    public string? Token { get; init; }

    /// <summary>Where to write the kubeconfig; null writes <c>kubeconfig</c> in a fresh temporary folder.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>The cluster to seed (default: the seed article's cluster).</summary>
    public ClusterProfile Profile { get; init; } = ClusterProfile.Seed;

    /// <summary>Simulated controllers.</summary>
    public WorkloadOptions Workloads { get; init; } = new();

    /// <summary>Watch stream settings.</summary>
    public WatchOptions Watch { get; init; } = new();

    /// <summary>API semantics settings (service CIDR, node port range, clock).</summary>
    public RegistryOptions Registry { get; init; } = new();

    /// <summary>How many recent writes are kept for watches resuming from a resourceVersion; older ones get 410 Expired.</summary>
    public int HistorySize { get; init; } = 100_000;

    /// <summary>When set, the store is loaded from this file at start (if it exists) and saved to it at stop.</summary>
    public string? SnapshotPath { get; init; }

    /// <summary>Minimum level of KubeSim's own log lines on the console.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Warning;
}
