namespace AkoActors.Demo;

/// <summary>What <c>AkoActors.Demo</c> was asked for: where to write its kubeconfig and endpoints, and which ports to use
/// (0 = pick a free one), so scripts and tests can run it side by side with other instances.</summary>
public sealed record DemoOptions
{
    /// <summary>Absolute path of the folder that receives <c>kubeconfig</c> and <c>endpoints.json</c>.</summary>
    public required string StateDirectory { get; init; }

    public int KubePort { get; init; }

    public int AviPort { get; init; }

    public int DnsPort { get; init; }

    public int HttpPort { get; init; }

    public string LogLevel { get; init; } = "INFO";
}
