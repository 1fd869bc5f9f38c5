namespace AkoActors.KubeSim.Benchmarks;

/// <summary>Parameters of the scale benchmark (printed with every result).</summary>
public sealed record ScaleBenchmarkOptions
{
    /// <summary>Objects to hold: an even mix of Pods, Services (one in five LoadBalancer), EndpointSlices, Ingresses and ConfigMaps.</summary>
    public int Objects { get; init; } = 50_000;

    /// <summary>Concurrent HTTP watches during the burst.</summary>
    public int Watchers { get; init; } = 200;

    /// <summary>Changes in the burst (creates, then updates, of ConfigMaps in one namespace).</summary>
    public int Changes { get; init; } = 1_000;

    /// <summary>Use HTTPS (like real clients) rather than plain HTTP.</summary>
    public bool Https { get; init; } = true;
}
