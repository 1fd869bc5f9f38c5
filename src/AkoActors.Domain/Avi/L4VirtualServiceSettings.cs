namespace AkoActors.Domain.Avi;

/// <summary>The fields of an L4 VS that an L4Rule sets besides its profiles and datascripts; on an L4 VS they are managed
/// (absent = the controller's default, so detaching the rule writes the defaults back), on every other VS they are left as
/// the controller has them.</summary>
/// <param name="AnalyticsProfile">None = the controller's default (<see cref="AnalyticsProfiles"/>).</param>
/// <param name="SecurityPolicy">The DDoS detection and mitigation policy (<c>security_policy_ref</c>).</param>
/// <param name="ClientLogs"><c>analytics_policy.full_client_logs</c>; none = no analytics policy written.</param>
/// <param name="SslProfile">Only with a listener that terminates TLS; none = the controller's default.</param>
/// <param name="RevokeVipRoute">Written only when true (NSX-T clouds), as AKO leaves it unset otherwise.</param>
public sealed record L4VirtualServiceSettings(
    string? AnalyticsProfile,
    string? NetworkSecurityPolicy,
    string? SecurityPolicy,
    L4ClientLogs? ClientLogs,
    L4PerformanceLimits? PerformanceLimits,
    string? SslProfile,
    bool RevokeVipRoute)
{
    /// <summary>An L4 VS no L4Rule touches: what AKO writes for it, and what the controller then holds.</summary>
    public static L4VirtualServiceSettings Default { get; } = new(null, null, null, null, null, null, false);
}
