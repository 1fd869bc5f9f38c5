namespace AkoActors.Domain.Avi;

/// <summary>The fields of a pool that an HTTPRule (an Ingress path's pool) or an L4Rule backend (a Service port's pool) sets;
/// on those pools they are managed (deleting the rule restores the controller's defaults).</summary>
/// <param name="Algorithm">The controller's default is LB_ALGORITHM_LEAST_CONNECTIONS, which it fills in when none is sent.</param>
/// <param name="Hash">Only with LB_ALGORITHM_CONSISTENT_HASH.</param>
/// <param name="HashHeader">Only with LB_ALGORITHM_CONSISTENT_HASH_CUSTOM_HEADER.</param>
public sealed record PoolRuleSettings(
    string Algorithm,
    string? Hash,
    string? HashHeader,
    string? PersistenceProfile,
    string? SslProfile,
    string? PkiProfile,
    bool EnableHttp2)
{
    public const string DefaultAlgorithm = "LB_ALGORITHM_LEAST_CONNECTIONS";
    public const string ConsistentHash = "LB_ALGORITHM_CONSISTENT_HASH";
    public const string CustomHeaderHash = "LB_ALGORITHM_CONSISTENT_HASH_CUSTOM_HEADER";

    public static PoolRuleSettings Default { get; } = new(DefaultAlgorithm, null, null, null, null, null, false);

    /// <summary>The pool takes traffic (<c>enabled</c>); an L4Rule backend may turn it off. The controller's default is on.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How many servers must be up for the pool to be up (<c>min_servers_up</c>); none = the controller's default.</summary>
    public int? MinServersUp { get; init; }

    /// <summary>The certificate the Service Engines present to the servers (<c>ssl_key_and_certificate_ref</c>).</summary>
    public string? SslKeyAndCertificate { get; init; }

    /// <summary>Real-time server and pool metrics (<c>analytics_policy.enable_realtime_metrics</c>); off by default.</summary>
    public bool RealtimeMetrics { get; init; }

    /// <summary>The settings as the controller keeps them: a hash only with consistent hashing, a header only with header hashing.</summary>
    public static PoolRuleSettings Of(
        string? algorithm, string? hash, string? header, string? persistence, string? sslProfile, string? pkiProfile, bool enableHttp2)
    {
        var effectiveAlgorithm = algorithm ?? DefaultAlgorithm;
        var effectiveHash = effectiveAlgorithm == ConsistentHash ? hash : null;
        return new PoolRuleSettings(effectiveAlgorithm, effectiveHash, effectiveHash == CustomHeaderHash ? header : null, persistence, sslProfile,
            pkiProfile, enableHttp2);
    }
}
