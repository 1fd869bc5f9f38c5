using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
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
    RuleStatus? Status) : IAdmittedResource
{
    /// <summary>True when this rule selects <paramref name="host"/> by its fqdn and fqdnType.</summary>
    public bool Selects(string host) => FqdnType switch
    {
        HostRuleFqdnType.Exact => string.Equals(host, Fqdn, StringComparison.OrdinalIgnoreCase),
        HostRuleFqdnType.Wildcard => Fqdn.StartsWith('*') && host.EndsWith(Fqdn[1..], StringComparison.OrdinalIgnoreCase) && host.Length > Fqdn.Length - 1,
        HostRuleFqdnType.Contains => host.Contains(Fqdn, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary><c>metadata.generation</c>: changes with every spec edit, never with a status write.</summary>
    public long Generation { get; init; }

    /// <summary>The generation the status was decided for (annotation <see cref="RuleAdmission.Annotation"/>).</summary>
    public long? DecidedGeneration { get; init; }

    /// <summary>Accepted for exactly this spec: safe to apply.</summary>
    public bool IsEffective => RuleAdmission.IsEffective(this);

    /// <summary>Accepted before, edited since, not yet checked again.</summary>
    public bool IsAwaitingCheck => RuleAdmission.IsAwaitingCheck(this);

    string IAdmittedResource.Namespace => Key.Namespace;

    string IAdmittedResource.Name => Key.Name;

    object IAdmittedResource.Settings => Settings;

    /// <summary>Everything but what the controller writes back: two snapshots with the same settings need the same validation.</summary>
    public HostRuleSnapshot Settings => this with { Status = null, DecidedGeneration = null };
}
