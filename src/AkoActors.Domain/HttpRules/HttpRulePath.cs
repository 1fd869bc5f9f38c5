using AkoActors.Domain.Collections;

namespace AkoActors.Domain.HttpRules;

/// <summary>One <c>spec.paths</c> entry of an HTTPRule: the settings for the pools of Ingress paths under <see cref="Target"/>.</summary>
/// <param name="Algorithm">An Avi <c>lb_algorithm</c> (LB_ALGORITHM_*).</param>
/// <param name="Hash">Used with LB_ALGORITHM_CONSISTENT_HASH only.</param>
/// <param name="HostHeader">Used with LB_ALGORITHM_CONSISTENT_HASH_CUSTOM_HEADER only.</param>
/// <param name="HealthMonitors">Replace the default (System-TCP) when not empty.</param>
/// <param name="Persistence">An application persistence profile by name.</param>
public sealed record HttpRulePath(
    string Target,
    string? Algorithm,
    string? Hash,
    string? HostHeader,
    EquatableArray<string> HealthMonitors,
    string? Persistence,
    HttpRuleReencrypt? Reencrypt,
    bool? EnableHttp2)
{
    /// <summary>AKO: "applied to all paths matching /foo and subsets of /foo/xxx".</summary>
    public bool Covers(string path) =>
        Target == "/" || path == Target || path.StartsWith(Target.EndsWith('/') ? Target : Target + "/", StringComparison.Ordinal);
}
