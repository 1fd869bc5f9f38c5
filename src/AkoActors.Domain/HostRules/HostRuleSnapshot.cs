using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.HostRules;

/// <summary>What the controller reads of an AKO HostRule (<c>ako.vmware.com/v1beta1</c>, <c>spec.virtualhost</c>): the hosts it
/// selects, the Avi objects it names, and the status last written to it.</summary>
/// <param name="Ignored">Fields that are set but not acted on (gslb, tcpSettings, l7Rule, useRegex, applicationRootPath):
/// the status says so instead of pretending.</param>
public sealed record HostRuleSnapshot(
    HostRuleKey Key,
    string Uid,
    DateTimeOffset Created,
    string Fqdn,
    HostRuleFqdnType FqdnType,
    bool EnableVirtualHost,
    HostRuleTls? Tls,
    EquatableArray<string> HttpPolicySets,
    bool OverwriteHttpPolicySets,
    string? WafPolicy,
    string? ApplicationProfile,
    string? AnalyticsProfile,
    string? ErrorPageProfile,
    EquatableArray<string> IcapProfiles,
    string? NetworkSecurityPolicy,
    EquatableArray<string> DataScripts,
    EquatableArray<string> Aliases,
    HostRuleAnalyticsPolicy? AnalyticsPolicy,
    EquatableArray<string> Ignored,
    HostRuleStatus? Status)
{
    /// <summary>True when this rule selects <paramref name="host"/> by its fqdn and fqdnType.</summary>
    public bool Selects(string host) => FqdnType switch
    {
        HostRuleFqdnType.Exact => string.Equals(host, Fqdn, StringComparison.OrdinalIgnoreCase),
        HostRuleFqdnType.Wildcard => Fqdn.StartsWith('*') && host.EndsWith(Fqdn[1..], StringComparison.OrdinalIgnoreCase) && host.Length > Fqdn.Length - 1,
        HostRuleFqdnType.Contains => host.Contains(Fqdn, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>Everything but the status: two snapshots with the same settings need the same validation.</summary>
    public HostRuleSnapshot WithoutStatus => this with { Status = null };
}
