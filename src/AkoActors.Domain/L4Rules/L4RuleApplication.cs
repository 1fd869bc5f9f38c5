using System.Globalization;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Domain.L4Rules;

/// <summary>Applies an Accepted L4Rule to a LoadBalancer Service's L4 tree as AKO does (l4rule.md): the VS's profiles,
/// policies, datascripts, analytics, performance limits, listeners' TLS and route revocation, the VIP asked for, and each
/// pool's health monitors, algorithm, persistence, backend TLS and state, matched by port and protocol.</summary>
/// <remarks>Every L4 VS and pool gets its rule fields managed, with the controller's defaults when no rule (or no entry)
/// covers it, so detaching or deleting a rule writes exactly the defaults back (AKO: "configured with the default values").</remarks>
public static class L4RuleApplication
{
    /// <summary>The application profile AKO gives a VS whose listener terminates TLS when the rule leaves the CRD's default.</summary>
    public const string SslApplicationProfile = "System-SSL-Application";

    /// <summary>The L4Rule a Service names (annotation <c>ako.vmware.com/l4rule</c>), or null.</summary>
    public static string? RuleNameOf(ServiceSnapshot service) =>
        service.Annotations.GetValueOrDefault(L4RuleSnapshot.ServiceAnnotation) is { } name && !string.IsNullOrWhiteSpace(name) ? name.Trim() : null;

    /// <summary>The Service as the translation should see it: the rule's <c>loadBalancerIP</c> is the VIP asked for (it takes
    /// the place of the Service's own), so it is checked and contended for exactly like one — unless the rule's listeners
    /// leave it unapplied to this Service.</summary>
    public static ServiceSnapshot Requested(ServiceSnapshot service, L4RuleSnapshot? rule) => Requested(service, rule, ServedPorts(service));

    /// <summary>As <see cref="Requested(ServiceSnapshot, L4RuleSnapshot?)"/> for a VS serving <paramref name="ports"/> (a
    /// shared-VIP group's: every member's), whose listeners the rule must describe.</summary>
    public static ServiceSnapshot Requested(ServiceSnapshot service, L4RuleSnapshot? rule, List<(int Port, string Protocol)> ports) =>
        rule?.LoadBalancerIp is { } ip && ListenersProblem(rule, ports) is null
            ? service with { LoadBalancerIp = ip, LoadBalancerIpSource = $"L4Rule {rule.Key}" }
            : service;

    private static List<(int Port, string Protocol)> ServedPorts(ServiceSnapshot service) =>
        service.Ports.Where(p => L4ServiceTranslator.IsSupported(p.Protocol)).Select(p => (p.Port, p.Protocol.ToUpperInvariant())).ToList();

    public static TreeTranslation Apply(TreeTranslation tree, L4RuleSnapshot? rule)
    {
        if (tree.Outcome != TranslationOutcome.Desired) return tree;
        var ports = tree.Desired.OfType<L4PolicySetSpec>().SelectMany(p => p.Rules).ToList();
        if (rule is not null && ListenersProblem(rule, ports.Select(p => (p.Port, p.Protocol)).ToList()) is { } listeners)
        {
            // As AKO: listener properties that do not describe the Service's ports exactly leave the whole rule unapplied.
            var unapplied = Apply(tree, null);
            return unapplied with { Problems = unapplied.Problems.Append(listeners).ToEquatableArray() };
        }
        var byPool = ports.ToDictionary(p => p.PoolName, StringComparer.Ordinal);
        var problems = tree.Problems.ToList();
        var desired = tree.Desired.Select(spec => spec switch
        {
            PoolSpec pool when byPool.TryGetValue(pool.Name, out var port) => WithBackend(pool, BackendOf(rule, port)),
            VirtualServiceSpec vs when rule is not null => WithRule(vs, rule, ports),
            _ => spec,
        }).ToEquatableArray();
        if (rule is not null && Unmatched(rule, ports) is { Count: > 0 } unmatched)
        {
            problems.Add(new UserProblem("L4RuleBackendNotMatched",
                $"L4Rule {rule.Key} sets backendProperties for {string.Join(", ", unmatched)}, which the Service does not have; " +
                "those entries are not applied. Use the Service's port and protocol"));
        }
        return tree with { Desired = desired, Problems = problems.ToEquatableArray() };
    }

    /// <summary>AKO's conditions on <c>listenerProperties</c>: when given, exactly one entry per Service port and protocol, and
    /// SSL only on a Service of a single port (an L4 SSL VS has one pool).</summary>
    private static UserProblem? ListenersProblem(L4RuleSnapshot rule, List<(int Port, string Protocol)> ports)
    {
        if (rule.Listeners.IsEmpty) return null;
        var listed = rule.Listeners.Select(l => $"{l.Port.ToString(CultureInfo.InvariantCulture)}/{l.Protocol}").Distinct().ToList();
        var served = ports.Select(p => $"{p.Port.ToString(CultureInfo.InvariantCulture)}/{p.Protocol}").ToList();
        if (rule.Listeners.Count != ports.Count || !served.All(listed.Contains))
        {
            return new UserProblem("L4RuleListenerNotMatched",
                $"L4Rule {rule.Key} lists listenerProperties for [{string.Join(", ", listed)}] but the Service has ports [{string.Join(", ", served)}]; " +
                "the rule is not applied to it. List each Service port and protocol exactly once");
        }
        if (rule.EnablesSsl && ports.Count > 1)
        {
            return new UserProblem("L4RuleListenerNotMatched",
                $"L4Rule {rule.Key} enables SSL, which an L4 VS supports on a single TCP port, but the Service has ports [{string.Join(", ", served)}]; " +
                "the rule is not applied to it. Give the Service one port, or disable SSL");
        }
        return null;
    }

    private static L4RuleBackend? BackendOf(L4RuleSnapshot? rule, L4PoolRule port) =>
        rule?.Backends.FirstOrDefault(b => b.Port == port.Port && string.Equals(b.Protocol, port.Protocol, StringComparison.OrdinalIgnoreCase));

    private static PoolSpec WithBackend(PoolSpec pool, L4RuleBackend? backend) =>
        backend is null
            ? pool with { Rules = PoolRuleSettings.Default }
            : pool with
            {
                HealthMonitors = backend.HealthMonitors.IsEmpty ? pool.HealthMonitors : backend.HealthMonitors,
                Rules = PoolRuleSettings.Of(backend.Algorithm, backend.Hash, backend.HashHeader, backend.Persistence, backend.SslProfile,
                    backend.PkiProfile, false) with
                {
                    Enabled = backend.Enabled,
                    MinServersUp = backend.MinServersUp,
                    SslKeyAndCertificate = backend.SslKeyAndCertificate,
                    RealtimeMetrics = backend.RealtimeMetrics,
                },
            };

    /// <remarks><c>revokeVipRoute</c> is written as the rule has it: admission accepts it on NSX-T clouds only.</remarks>
    private static VirtualServiceSpec WithRule(VirtualServiceSpec vs, L4RuleSnapshot rule, List<L4PoolRule> ports) =>
        vs with
        {
            ApplicationProfile = ApplicationProfileOf(vs, rule),
            NetworkProfile = NetworkProfileOf(vs, rule, ports),
            DataScriptSets = rule.DataScripts,
            Services = rule.Listeners.IsEmpty
                ? vs.Services
                : ports.Zip(vs.Services, (port, service) => service with { EnableSsl = ListenerOf(rule, port)?.EnableSsl == true }).ToEquatableArray(),
            SslCertificates = rule.SslCertificates,
            L4Rule = new L4VirtualServiceSettings(
                AnalyticsProfiles.OrNone(rule.AnalyticsProfile),
                rule.NetworkSecurityPolicy,
                rule.SecurityPolicy,
                rule.ClientLogs,
                rule.PerformanceLimits,
                rule.SslProfile,
                rule.RevokeVipRoute),
        };

    /// <summary>The rule's profile; with SSL enabled and the CRD's default System-L4-Application left, AKO's System-SSL-Application.</summary>
    private static string ApplicationProfileOf(VirtualServiceSpec vs, L4RuleSnapshot rule) =>
        rule.EnablesSsl && !L4RuleValidation.NamesSslApplicationProfile(rule)
            ? SslApplicationProfile
            : rule.ApplicationProfile ?? vs.ApplicationProfile;

    private static L4RuleListener? ListenerOf(L4RuleSnapshot rule, L4PoolRule port) =>
        rule.Listeners.FirstOrDefault(l => l.Port == port.Port && string.Equals(l.Protocol, port.Protocol, StringComparison.OrdinalIgnoreCase));

    /// <summary>The CRD defaults networkProfileRef to System-TCP-Proxy, so a rule on a UDP-only Service carries it without
    /// anyone asking; a TCP proxy profile there would stop the Service's traffic, so that default is not applied to it.</summary>
    private static string NetworkProfileOf(VirtualServiceSpec vs, L4RuleSnapshot rule, List<L4PoolRule> ports)
    {
        if (rule.NetworkProfile is not { } profile) return vs.NetworkProfile;
        var udpOnly = ports.Count > 0 && ports.All(p => p.Protocol == "UDP");
        return udpOnly && profile == L4ServiceTranslator.TcpNetworkProfile ? vs.NetworkProfile : profile;
    }

    private static List<string> Unmatched(L4RuleSnapshot rule, List<L4PoolRule> ports) =>
        rule.Backends
            .Where(b => !ports.Any(p => p.Port == b.Port && string.Equals(p.Protocol, b.Protocol, StringComparison.OrdinalIgnoreCase)))
            .Select(b => $"{b.Port.ToString(CultureInfo.InvariantCulture)}/{b.Protocol}")
            .ToList();
}
