using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.L4Rules;

/// <summary>What the controller reads of an AKO L4Rule (<c>ako.vmware.com/v1alpha2</c>): the L4 VS, VIP and pool settings
/// it gives the LoadBalancer Services of its namespace that name it (annotation <c>ako.vmware.com/l4rule</c>), and the
/// status last written to it.</summary>
/// <param name="Ignored">Fields set but not acted on; the FieldsNotActedOn event names them instead of pretending.</param>
public sealed record L4RuleSnapshot(
    L4RuleKey Key,
    string Uid,
    string? ApplicationProfile,
    string? NetworkProfile,
    string? AnalyticsProfile,
    string? NetworkSecurityPolicy,
    EquatableArray<string> DataScripts,
    string? LoadBalancerIp,
    EquatableArray<L4RuleBackend> Backends,
    EquatableArray<string> Ignored,
    RuleStatus? Status) : IAdmittedResource
{
    /// <summary>The annotation on a LoadBalancer Service naming the L4Rule (same namespace) that applies to it.</summary>
    public const string ServiceAnnotation = "ako.vmware.com/l4rule";

    /// <summary><c>analyticsPolicy.fullClientLogs</c>, with the CRD's defaults for throttle and duration.</summary>
    public L4ClientLogs? ClientLogs { get; init; }

    public L4PerformanceLimits? PerformanceLimits { get; init; }

    /// <summary><c>securityPolicyRef</c>: the VS's DDoS detection and mitigation policy.</summary>
    public string? SecurityPolicy { get; init; }

    /// <summary>The VS's SSL profile (<c>sslProfileRef</c>), only with a listener that enables SSL.</summary>
    public string? SslProfile { get; init; }

    /// <summary>The certificates the VS presents (<c>sslKeyAndCertificateRefs</c>), only with a listener that enables SSL.</summary>
    public EquatableArray<string> SslCertificates { get; init; } = EquatableArray<string>.Empty;

    /// <summary><c>listenerProperties</c>: when given, one entry per Service port (AKO applies the rule only then).</summary>
    public EquatableArray<L4RuleListener> Listeners { get; init; } = EquatableArray<L4RuleListener>.Empty;

    /// <summary>True when a listener terminates TLS: the VS then needs an SSL application profile.</summary>
    public bool EnablesSsl => Listeners.Any(l => l.EnableSsl);

    /// <summary><c>revokeVipRoute</c>: withdraw the VIP's route while the VS is down (NSX-T clouds only).</summary>
    public bool RevokeVipRoute { get; init; }

    public long Generation { get; init; }

    public long? DecidedGeneration { get; init; }

    string IAdmittedResource.Namespace => Key.Namespace;

    string IAdmittedResource.Name => Key.Name;

    object IAdmittedResource.Settings => Settings;

    public L4RuleSnapshot Settings => this with { Status = null, DecidedGeneration = null };
}
