namespace AkoActors.Domain.Avi;

/// <summary>The fields of an Ingress path's pool that an HTTPRule sets; on such pools they are managed (deleting the rule
/// restores the controller's defaults), on L4 pools they are left as the controller has them.</summary>
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
