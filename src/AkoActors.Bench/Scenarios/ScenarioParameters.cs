using System.Globalization;

namespace AkoActors.Bench.Scenarios;

/// <summary>The parameters of one scenario run (one point of the matrix the command line asks for).</summary>
public sealed record ScenarioParameters
{
    public int Replicas { get; init; } = 1;

    public TimeSpan AviLatency { get; init; }

    public int AviConcurrency { get; init; } = 16;

    /// <summary>Services the scenario works with (burst: created at once; restart/failover: present before the event).</summary>
    public int Services { get; init; }

    /// <summary>Ingresses the scenario works with (ingress-burst: created at once; ingress-single: present before measuring).</summary>
    public int Ingresses { get; init; }

    /// <summary>secrets: Helm release Secrets in the cluster.</summary>
    public int HelmSecrets { get; init; }

    /// <summary>secrets: the size of each Helm release Secret.</summary>
    public int HelmSecretKiB { get; init; } = 300;

    /// <summary>Backend ClusterIP Services the Ingresses route to (Ingress i to backend i % K).</summary>
    public int Backends { get; init; } = 50;

    /// <summary>single: endpoint changes (and new Services) measured; burst/restart: runs, each in a fresh world.</summary>
    public int Repetitions { get; init; }

    /// <summary>Endpoints per Service slice.</summary>
    public int Endpoints { get; init; } = 2;

    /// <summary>Concurrent Kubernetes writes when creating many objects (a CI pipeline applying manifests).</summary>
    public int ClientParallelism { get; init; } = 16;

    /// <summary>failover: endpoint changes per second across the Services.</summary>
    public double ChurnPerSecond { get; init; } = 20;

    /// <summary>L7Settings.shardVSSize the replicas run with (LARGE, MEDIUM or SMALL).</summary>
    public string ShardSize { get; init; } = "SMALL";

    /// <summary>Shared L7 VSes of <see cref="ShardSize"/> (AKO's ShardSizeMap: LARGE 8, MEDIUM 4, SMALL 1).</summary>
    public uint ShardCount => ShardSize switch
    {
        "LARGE" => 8,
        "MEDIUM" => 4,
        _ => 1,
    };

    /// <summary>Ingress scenarios with several replicas: wait until no shard rebalance started for this long before
    /// measuring (zero: measure at once, while shards may still be moving).</summary>
    public TimeSpan ShardSettle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The replicas' AKOSettings.fullSyncFrequency when the command line sets it (null: AKO's 1800 s).</summary>
    public int? FullSyncSeconds { get; init; }

    /// <summary>takeover: every n-th Ingress is TLS (its hosts SNI children of AKO's); 0 = none.</summary>
    public int TlsEvery { get; init; } = 10;

    /// <summary>takeover: how long writes are counted after convergence (a settled controller must make none).</summary>
    public TimeSpan QuietWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Deadline for every wait.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public double LatencyMs => AviLatency.TotalMilliseconds;

    /// <summary>Requests each replica keeps in flight (AviClientOptions.MaxConcurrentRequests, which the run command does not change).</summary>
    public const int ReplicaConcurrency = 16;

    /// <summary>Requests that can be served at once: AviSim's cap, or the replicas' own limits when those are lower (or AviSim has none).</summary>
    public int EffectiveConcurrency => AviConcurrency > 0 ? Math.Min(AviConcurrency, Replicas * ReplicaConcurrency) : Replicas * ReplicaConcurrency;

    /// <summary>The physical floor of the spec: writes × latency ÷ concurrency, in seconds.</summary>
    public double FloorSeconds(double writes) => writes * AviLatency.TotalSeconds / EffectiveConcurrency;

    public IDictionary<string, string> Describe()
    {
        var described = Common();
        if (Ingresses > 0)
        {
            described["ingresses"] = Ingresses.ToString(CultureInfo.InvariantCulture);
            described["backendServices"] = Backends.ToString(CultureInfo.InvariantCulture);
            if (TlsEvery > 0) described["tlsEveryNthIngress"] = TlsEvery.ToString(CultureInfo.InvariantCulture);
            if (Replicas > 1) described["shardSettleS"] = ShardSettle.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }
        if (HelmSecrets > 0)
        {
            described["helmReleaseSecrets"] = HelmSecrets.ToString(CultureInfo.InvariantCulture);
            described["helmReleaseSecretKiB"] = HelmSecretKiB.ToString(CultureInfo.InvariantCulture);
        }
        return described;
    }

    private Dictionary<string, string> Common() => new(StringComparer.Ordinal)
    {
        ["replicas"] = Replicas.ToString(CultureInfo.InvariantCulture),
        ["aviLatencyMs"] = LatencyMs.ToString(CultureInfo.InvariantCulture),
        ["aviConcurrencyCap"] = AviConcurrency.ToString(CultureInfo.InvariantCulture),
        ["services"] = Services.ToString(CultureInfo.InvariantCulture),
        ["repetitions"] = Repetitions.ToString(CultureInfo.InvariantCulture),
        ["endpointsPerService"] = Endpoints.ToString(CultureInfo.InvariantCulture),
        ["clientParallelism"] = ClientParallelism.ToString(CultureInfo.InvariantCulture),
        ["shardVSSize"] = ShardSize,
    };
}
