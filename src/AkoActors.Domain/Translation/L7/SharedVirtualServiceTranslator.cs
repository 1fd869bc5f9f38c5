using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.HttpRules;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Naming;

namespace AkoActors.Domain.Translation.L7;

/// <summary>Merges every Ingress contribution to one shared L7 VS into its whole Avi tree (ako-behaviour.md §4).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Parent VS <c>&lt;p&gt;Shared-L7-&lt;n&gt;</c> (VH parent, ports 80 and 443/SSL, System-HTTP) with its own vsvip,
/// whose <c>dns_info</c> lists every served host inside the controller's DNS sub-domains.</item>
/// <item>Insecure paths: one pool each, selected by an HTTP policy set on the parent (host + path, Exact before Prefix,
/// longest prefix first) — instead of AKO's shard-wide pool group and datascript keyed on the first path segment, which
/// cannot express Exact or nested prefixes. The same policy set redirects HTTP to HTTPS for TLS hosts.</item>
/// <item>TLS hosts: certificate and SNI child <c>&lt;p&gt;&lt;host&gt;</c>, per-path pools and pool groups, and one HTTP
/// policy set per contributing namespace.</item>
/// </list>
/// Contributions are merged oldest Ingress first, so when two claim the same host and path both are kept, the older one
/// wins the match, and the newer one is told (DuplicateHostPath). A VS nobody contributes to has an empty tree: it is
/// deleted and its VIP released.
/// </remarks>
public static class SharedVirtualServiceTranslator
{
    public const string HttpApplicationProfile = "System-HTTP";
    public const string SecureHttpApplicationProfile = "System-Secure-HTTP";
    public const string NetworkProfile = "System-TCP-Proxy";

    /// <summary>The member ratio AKO gives the one pool of an SNI path's pool group.</summary>
    public const int AkoPoolGroupRatio = 100;

    /// <param name="hostRules">The HostRules to apply (see <see cref="AppliedRules{TRule}"/>); by default those of the cluster
    /// Accepted for their current spec.</param>
    /// <param name="httpRules">The HTTPRules to apply, chosen the same way.</param>
    public static ShardTranslation Translate(
        string vsName, IEnumerable<IngressContribution> contributions, IClusterState cluster, TranslationContext context,
        IReadOnlyList<HostRuleSnapshot>? hostRules = null, IReadOnlyList<HttpRuleSnapshot>? httpRules = null)
    {
        var names = context.Names;
        var ownership = context.Ownership;
        var placement = context.Placement;
        var placementNetworks = context.PoolPlacementNetworks;
        var ordered = contributions.Where(c => !c.IsEmpty)
            .OrderBy(c => c.Created)
            .ThenBy(c => c.Ingress.ToString(), StringComparer.Ordinal)
            .ToList();
        var verdicts = ordered.ToDictionary(c => c.Ingress, _ => new VerdictBuilder());
        if (context.Settings.FqdnReusePolicy == Settings.FqdnReusePolicy.Strict) ordered = KeepHostsToFirstNamespace(ordered, verdicts);

        var desired = new List<AviObjectSpec>();
        var insecureRules = new List<(string Host, PathRoute Path, int Order, HttpPolicyRule Rule)>();
        var redirectRules = new List<(string Host, HttpPolicyRule Rule)>();
        var poolNames = new HashSet<string>(StringComparer.Ordinal);
        var claimed = new Dictionary<(string Host, string Path, bool Exact), IngressKey>();
        var sni = new SortedDictionary<string, SniHost>(StringComparer.Ordinal);
        var served = new SortedSet<string>(StringComparer.Ordinal);
        var allHostRules = hostRules ?? cluster.GetHostRules();
        var allHttpRules = httpRules ?? cluster.GetHttpRules();

        for (var order = 0; order < ordered.Count; order++)
        {
            var contribution = ordered[order];
            var verdict = verdicts[contribution.Ingress];
            var ns = contribution.Ingress.Namespace;
            var ingressName = contribution.Ingress.Name;
            foreach (var host in contribution.Hosts)
            {
                if (host.Tls is { } tls && !TryAddTlsHost(sni, host.Host, contribution, tls, cluster, verdict, context)) continue;

                foreach (var path in host.Paths)
                {
                    var match = (host.Host, path.Path, path.Exact);
                    if (claimed.TryGetValue(match, out var first))
                    {
                        verdict.Problem("DuplicateHostPath",
                            $"Ingress {contribution.Ingress}: {host.Host}{path.Path} is also claimed by Ingress {first}, which is older and keeps receiving its traffic. Use another host or path, or remove the path from one of them");
                    }
                    else
                    {
                        claimed[match] = contribution.Ingress;
                    }

                    var poolName = host.Tls is null
                        ? names.InsecurePool(host.Host, path.Path, ns, ingressName)
                        : names.SniPool(ns, host.Host, path.Path, ingressName);
                    if (AviNames.IsTooLong(poolName))
                    {
                        verdict.Problem("NameTooLong", $"The pool for {host.Host}{path.Path} would be named with {poolName.Length} characters; the controller allows {AviNames.MaxLength}. The path is skipped");
                        continue;
                    }
                    if (!poolNames.Add(poolName))
                    {
                        verdict.Problem("DuplicatePath", $"{host.Host}{path.Path} appears twice in Ingress {contribution.Ingress} (as Exact and Prefix); only the first is served");
                        continue;
                    }
                    // AKO's marker order; an SNI pool also names its backend Service, its pool group does not.
                    var markers = ownership.Markers(
                        AviMarker.Of(AviMarker.NamespaceKey, ns),
                        AviMarker.Of(AviMarker.HostKey, host.Host),
                        AviMarker.Of(PathKey, path.Path),
                        AviMarker.Of(AviMarker.IngressNameKey, ingressName));
                    var poolMarkers = host.Tls is null
                        ? markers
                        : ownership.Markers(
                            AviMarker.Of(AviMarker.NamespaceKey, ns),
                            AviMarker.Of(AviMarker.HostKey, host.Host),
                            AviMarker.Of(AviMarker.ServiceNameKey, BackendService(path)),
                            AviMarker.Of(PathKey, path.Path),
                            AviMarker.Of(AviMarker.IngressNameKey, ingressName));
                    var poolMeta = new AviObjectMeta(ownership.CreatedBy, poolMarkers, AkoServiceMetadata.ForIngressPool(ns, ingressName, host.Host));
                    var (poolRules, monitors) = HttpRuleSettings(poolName, ns, host.Host, path.Path, allHttpRules, desired, poolMeta with { ServiceMetadata = null });
                    desired.Add(new PoolSpec(poolName, path.Servers, monitors, placement.CloudName, placement.VrfName, poolMeta)
                    {
                        Rules = poolRules,
                        PlacementNetworks = placementNetworks,
                    });
                    verdict.Serve(host.Host);
                    served.Add(host.Host);

                    if (host.Tls is null)
                    {
                        if (HostRuleSelection.For(host.Host, allHostRules) is { } hostRule)
                        {
                            verdict.Problem("HostRuleNotApplied",
                                $"HostRule {hostRule.Key} selects {host.Host}, which this Ingress serves without TLS; as in AKO, HostRule settings apply to secure hosts only (add a tls section to the Ingress)");
                        }
                        var rule = new HttpPolicyRule(poolName[names.Prefix.Length..], HttpHostMatch.For(host.Host), PathMatch(path), null,
                            new HttpPolicyAction.SwitchToPool(poolName));
                        insecureRules.Add((host.Host, path, order, rule));
                    }
                    else
                    {
                        desired.Add(new PoolGroupSpec(poolName, new[] { new PoolGroupMember(poolName, AkoPoolGroupRatio) }.ToEquatableArray(),
                            new AviObjectMeta(ownership.CreatedBy, markers, null)));
                        // Named when the set is ordered; no Host match: the SNI child sees only its own host (AKO's shape, so
                        // a set AKO made is taken over without a write).
                        sni[host.Host].Add(ns, ingressName, path, new HttpPolicyRule(string.Empty, HttpHostMatch.Any, PathMatch(path), null,
                            new HttpPolicyAction.SwitchToPoolGroup(poolName)));
                    }
                }
            }
        }

        var rulesByHost = HostRuleSelection.ForHosts(sni.Keys, allHostRules);
        var aliases = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (host, tls) in sni)
        {
            var hostMarkers = ownership.Markers(AviMarker.Of(AviMarker.HostKey, host));
            var ownerNamespace = tls.Owner.Namespace;
            var rule = rulesByHost.GetValueOrDefault(host);
            redirectRules.Add((host, new HttpPolicyRule($"redirect-{host}", HttpHostMatch.For(host), null, 80, new HttpPolicyAction.RedirectToHttps())));
            var certificates = HostRuleCertificates(host, rule, tls, cluster, context, desired, hostMarkers);
            var policySets = new List<string>();
            foreach (var (ns, rules) in tls.RulesByNamespace)
            {
                var setName = names.SniHttpPolicySet(ns, host);
                policySets.Add(setName);
                desired.Add(new HttpPolicySetSpec(setName,
                    Ordered(rules.Select(r => (r.Path, r.Order, r.Rule))).Select((rule, index) => rule with { Name = $"{setName}-{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}" })
                        .ToEquatableArray(),
                    new AviObjectMeta(ownership.CreatedBy, ownership.Markers(
                        AviMarker.Of(AviMarker.NamespaceKey, ns),
                        AviMarker.Of(AviMarker.HostKey, host),
                        AviMarker.Of(PathKey, rules.Select(r => r.Path.Path).Distinct(StringComparer.Ordinal).ToArray()),
                        AviMarker.Of(AviMarker.IngressNameKey, rules.Select(r => r.IngressName).Distinct(StringComparer.Ordinal).ToArray())), null)));
            }
            var hostAliases = rule is null ? EquatableArray<string>.Empty : HostRuleSelection.AliasesOf(rule);
            aliases.UnionWith(hostAliases);
            desired.Add(new VirtualServiceSpec(names.SniChild(host), VirtualServiceSpec.VhChild, EquatableArray<VsServicePort>.Empty, null,
                rule?.ApplicationProfile ?? SecureHttpApplicationProfile, NetworkProfile, placement, new AviObjectMeta(ownership.CreatedBy,
                    ownership.Markers(AviMarker.Of(AviMarker.NamespaceKey, ownerNamespace), AviMarker.Of(AviMarker.HostKey, host)),
                    AkoServiceMetadata.ForSniChild(ownerNamespace, [tls.Owner.ToString()], host)))
            {
                ParentVsName = vsName,
                DomainNames = new[] { host }.Concat(hostAliases).ToEquatableArray(),
                SslCertificates = certificates,
                // AKO puts its own host/path policy sets first and the HostRule's after them, or only the HostRule's with overwrite.
                HttpPolicySets = rule is null ? policySets.ToEquatableArray()
                    : rule.OverwriteHttpPolicySets ? rule.HttpPolicySets
                    : policySets.Concat(rule.HttpPolicySets).ToEquatableArray(),
                DataScriptSets = rule?.DataScripts ?? EquatableArray<string>.Empty,
                VirtualHost = rule is null ? VirtualHostSettings.Default : HostRuleSettings(rule),
            });
        }

        if (served.Count > 0)
        {
            var parentRules = redirectRules
                .Select(r => (r.Host, Redirect: true, Rules: (IEnumerable<HttpPolicyRule>)[r.Rule]))
                .Concat(insecureRules
                    .GroupBy(r => r.Host, StringComparer.Ordinal)
                    .Select(g => (Host: g.Key, Redirect: false, Rules: Ordered(g.Select(r => (r.Path, r.Order, r.Rule))))))
                .OrderBy(g => g.Host, HostPrecedence.Instance)
                .ThenBy(g => g.Redirect ? 0 : 1)
                .ThenBy(g => g.Host, StringComparer.Ordinal)
                .SelectMany(g => g.Rules)
                .ToList();
            var parentMeta = new AviObjectMeta(ownership.CreatedBy, ownership.Markers(), AkoServiceMetadata.Empty);
            if (parentRules.Count > 0) desired.Add(new HttpPolicySetSpec(vsName, parentRules.ToEquatableArray(), parentMeta with { ServiceMetadata = null }));
            var network = context.Settings.VipNetworks.FirstOrDefault() ?? new Settings.VipNetwork(string.Empty, null);
            // AKO registers the shard VS's own name first (autoFQDN), then its hosts; GSLB and DNS tooling look it up.
            var fqdns = ShardFqdn(vsName, context)
                .Concat(served.Union(aliases, StringComparer.Ordinal).Where(h => IsRegistrable(h, context, verdicts, ordered)))
                .ToEquatableArray();
            desired.Add(SharedVipFamilies.On(new VsVipSpec(vsName, network.NetworkName, network.Cidr, null, fqdns, placement.CloudName, placement.VrfName,
                new AviObjectMeta(null, ownership.Markers(), null))
            {
                NetworkUuid = network.NetworkUuid,
                SubnetVips = PublicCloudVips.SubnetsOf(context.Settings.VipNetworks, context.CloudType),
            }, network));
            desired.Add(new VirtualServiceSpec(vsName, VirtualServiceSpec.VhParent,
                new[] { new VsServicePort(80), new VsServicePort(443, EnableSsl: true) }.ToEquatableArray(),
                vsName, HttpApplicationProfile, NetworkProfile, placement, parentMeta)
            {
                HttpPolicySets = parentRules.Count > 0 ? new[] { vsName }.ToEquatableArray() : EquatableArray<string>.Empty,
            });
        }

        return new ShardTranslation(
            TreeTranslation.Of(desired, []),
            verdicts.ToDictionary(v => v.Key, v => v.Value.Build()));
    }

    /// <summary>fqdnReusePolicy Strict: a host belongs to the namespace of the oldest Ingress that asks for it (creation time,
    /// then name, so every replica and every restart decides alike); the hosts other namespaces ask for are dropped from
    /// their contributions, each with a HostAlreadyClaimed problem naming the holder. All Ingresses asking for one host
    /// contribute to the same shared VS (the shard is a hash of the host), so the shard sees every claimant.</summary>
    private static List<IngressContribution> KeepHostsToFirstNamespace(List<IngressContribution> ordered, Dictionary<IngressKey, VerdictBuilder> verdicts)
    {
        var holders = new Dictionary<string, IngressKey>(StringComparer.Ordinal);
        var kept = new List<IngressContribution>(ordered.Count);
        foreach (var contribution in ordered)
        {
            var hosts = new List<HostRoute>();
            foreach (var host in contribution.Hosts)
            {
                if (!holders.TryAdd(host.Host, contribution.Ingress) && holders[host.Host] is var holder && holder.Namespace != contribution.Ingress.Namespace)
                {
                    verdicts[contribution.Ingress].Problem("HostAlreadyClaimed",
                        $"Host {host.Host} of Ingress {contribution.Ingress} is already claimed by namespace {holder.Namespace} (Ingress {holder}, " +
                        "the oldest asking for it), and L7Settings.fqdnReusePolicy is Strict: the host is not served for this Ingress. " +
                        $"Use another host, or set fqdnReusePolicy to InterNamespaceAllowed; it is served here once no Ingress of {holder.Namespace} asks for it");
                    continue;
                }
                hosts.Add(host);
            }
            kept.Add(hosts.Count == contribution.Hosts.Count ? contribution : contribution with { Hosts = hosts.ToEquatableArray() });
        }
        return kept;
    }

    /// <summary>The SNI child's certificates: the HostRule's when it has a <c>tls</c> section (AKO: it takes precedence over the
    /// Ingress's Secret) — an Avi certificate by name, or one made from the HostRule's Secret — else the Ingress's Secret's.</summary>
    private static EquatableArray<string> HostRuleCertificates(
        string host, HostRuleSnapshot? rule, SniHost tls, IClusterState cluster, TranslationContext context, List<AviObjectSpec> desired,
        EquatableArray<AviMarker> hostMarkers)
    {
        var names = context.Names;
        var meta = new AviObjectMeta(context.Ownership.CreatedBy, hostMarkers, null);
        if (rule?.Tls is not { } ruleTls)
        {
            desired.Add(new SslCertificateSpec(names.Certificate(host), tls.CertificatePem, tls.Key, meta));
            return new[] { names.Certificate(host) }.ToEquatableArray();
        }
        var result = new List<string>();
        foreach (var source in new[] { ruleTls.Certificate, ruleTls.AlternateCertificate }.OfType<CertificateSource>())
        {
            if (!source.IsSecret)
            {
                result.Add(source.Name);
                continue;
            }
            // Validated when the rule was Accepted; a Secret deleted since falls back to the Ingress's certificate.
            var secret = cluster.GetSecret(rule.Key.Namespace, source.Name);
            if (secret?.Certificate is not { } pem || secret.KeyFingerprint is not { } key) continue;
            var name = result.Count == 0 ? names.Certificate(host) : $"{names.Certificate(host)}-alt";
            if (desired.Any(d => d.Ref == new AviRef(AviObjectTypes.SslKeyAndCertificate, name))) continue;
            desired.Add(new SslCertificateSpec(name, pem, new TlsKeyRef(rule.Key.Namespace, source.Name, key), meta));
            result.Add(name);
        }
        if (result.Count > 0) return result.ToEquatableArray();
        desired.Add(new SslCertificateSpec(names.Certificate(host), tls.CertificatePem, tls.Key, meta));
        return new[] { names.Certificate(host) }.ToEquatableArray();
    }

    /// <summary>The pool fields an HTTPRule sets for one Ingress path (AKO's httprule.md), with the health monitors (AKO's
    /// default <c>System-TCP</c> unless the rule names its own); a <c>destinationCA</c> becomes a PKI profile of this pool.</summary>
    private static (PoolRuleSettings Rules, EquatableArray<string> Monitors) HttpRuleSettings(
        string poolName, string ns, string host, string path, IReadOnlyList<HttpRuleSnapshot> rules, List<AviObjectSpec> desired, AviObjectMeta meta)
    {
        var defaultMonitors = new[] { "System-TCP" }.ToEquatableArray();
        if (HttpRuleSelection.For(ns, host, path, rules) is not { Path: var settings })
        {
            return (PoolRuleSettings.Default, defaultMonitors);
        }
        string? pki = settings.Reencrypt?.PkiProfile;
        if (settings.Reencrypt?.DestinationCa is { } ca)
        {
            pki = $"{poolName}-pkiprofile";
            desired.Add(new PkiProfileSpec(pki, ca, meta));
        }
        var poolRules = PoolRuleSettings.Of(settings.Algorithm, settings.Hash, settings.HostHeader, settings.Persistence,
            settings.Reencrypt is null ? null : settings.Reencrypt.SslProfile ?? DefaultReencryptSslProfile, pki, settings.EnableHttp2 ?? false);
        return (poolRules, settings.HealthMonitors.IsEmpty ? defaultMonitors : settings.HealthMonitors);
    }

    /// <summary>The SSL profile AKO uses towards re-encrypted backends when an HTTPRule names none.</summary>
    public const string DefaultReencryptSslProfile = "System-Standard";

    private static VirtualHostSettings HostRuleSettings(HostRuleSnapshot rule) => new(
        rule.EnableVirtualHost,
        rule.Tls is null ? null : rule.Tls.SslProfile ?? DefaultHostRuleSslProfile,
        rule.WafPolicy,
        AnalyticsProfiles.OrNone(rule.AnalyticsProfile),
        rule.ErrorPageProfile,
        rule.IcapProfiles,
        rule.NetworkSecurityPolicy,
        rule.AnalyticsPolicy is { } policy
            ? new VirtualHostAnalyticsPolicy(policy.FullClientLogs, policy.ThrottleValue, policy.Duration, policy.LogAllHeaders)
            : null);

    /// <summary>The SSL profile AKO uses for a HostRule's tls section that names none.</summary>
    public const string DefaultHostRuleSslProfile = "System-Standard-PFS";

    /// <summary>The marker AKO puts the path under.</summary>
    public const string PathKey = "Path";

    private static bool TryAddTlsHost(
        SortedDictionary<string, SniHost> sni, string host, IngressContribution contribution, TlsReference tls, IClusterState cluster,
        VerdictBuilder verdict, TranslationContext context)
    {
        if (sni.TryGetValue(host, out var existing))
        {
            if (existing.Fingerprint != tls.Fingerprint)
            {
                verdict.Problem("ConflictingTlsSecret",
                    $"{host} is served with the certificate of Ingress {existing.Owner}, which is older; Secret {tls.SecretName} of Ingress {contribution.Ingress} is not used for it. Use the same Secret in both, or another host");
            }
            return true;
        }
        var name = context.Names.SniChild(host);
        if (AviNames.IsTooLong(name))
        {
            verdict.Problem("NameTooLong", $"The SNI child for {host} would be named with {name.Length} characters; the controller allows {AviNames.MaxLength}. The host is skipped");
            return false;
        }
        // The certificate is read here, from the owner's own cache; the key is not in any cache, and is fetched from the
        // Secret by this replica when the certificate object is written (it never travels between replicas).
        var secret = cluster.GetSecret(contribution.Ingress.Namespace, tls.SecretName);
        if (secret?.Certificate is not { } certificate || secret.KeyFingerprint is not { } key)
        {
            verdict.Problem("MissingTlsSecret", $"TLS Secret {contribution.Ingress.Namespace}/{tls.SecretName} for {host} is not available yet; the host is served once it is");
            return false;
        }
        sni[host] = new SniHost(contribution.Ingress, tls.Fingerprint, certificate, new TlsKeyRef(contribution.Ingress.Namespace, tls.SecretName, key));
        return true;
    }

    private static bool IsRegistrable(string host, TranslationContext context, Dictionary<IngressKey, VerdictBuilder> verdicts, List<IngressContribution> ordered)
    {
        var domains = context.DnsSubdomains.Select(d => d.Trim('.').ToLowerInvariant()).Where(d => d.Length > 0).ToList();
        if (domains.Count == 0) return false;
        if (host.StartsWith("*.", StringComparison.Ordinal))
        {
            Tell(host, "WildcardNotInDns", ingress => $"Ingress {ingress}: {host} is routed, but wildcard names are not registered in the Avi DNS. Add the DNS record in your own DNS");
            return false;
        }
        if (domains.Any(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal))) return true;
        Tell(host, "HostOutsideDnsDomains", ingress =>
            $"Ingress {ingress}: {host} is routed, but it is not under a DNS sub-domain the controller serves ({string.Join(", ", domains)}), so it is not registered in the Avi DNS. " +
            "Use a host under one of them, or add the record in your own DNS");
        return false;

        void Tell(string name, string reason, Func<IngressKey, string> message)
        {
            foreach (var contribution in ordered.Where(c => c.Hosts.Any(h => h.Host == name))) verdicts[contribution.Ingress].Problem(reason, message(contribution.Ingress));
        }
    }

    /// <summary>First match wins across hosts too, and a wildcard host's suffix match also matches the precise hosts under it:
    /// precise hosts go first (Kubernetes prefers a precise host to a wildcard), then wildcards with the longest suffix
    /// first, so <c>a.apps.example.com</c> is not routed by <c>*.apps.example.com</c>'s rule when both are on one VS.</summary>
    private sealed class HostPrecedence : IComparer<string>
    {
        public static readonly HostPrecedence Instance = new();

        public int Compare(string? x, string? y)
        {
            var xWildcard = x!.StartsWith("*.", StringComparison.Ordinal);
            var yWildcard = y!.StartsWith("*.", StringComparison.Ordinal);
            if (xWildcard != yWildcard) return xWildcard ? 1 : -1;
            return xWildcard ? y.Length.CompareTo(x.Length) : 0;
        }
    }

    private static HttpPathMatch PathMatch(PathRoute path) => path.Exact ? HttpPathMatch.Exact(path.Path) : HttpPathMatch.Prefix(path.Path);

    /// <summary>First match wins, so Exact paths go first, then prefixes longest first, then older Ingresses first.</summary>
    private static IEnumerable<HttpPolicyRule> Ordered(IEnumerable<(PathRoute Path, int Order, HttpPolicyRule Rule)> rules) =>
        rules.OrderBy(r => r.Path.Exact ? 0 : 1)
            .ThenByDescending(r => r.Path.Path.Length)
            .ThenBy(r => r.Path.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Order)
            .Select(r => r.Rule);

    /// <summary>The backend Service of a path ("service:port" as written).</summary>
    private static string BackendService(PathRoute path) =>
        path.Backend.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? path.Backend[..colon] : path.Backend;

    /// <summary>AKO's name for the shard VS itself in the DNS: <c>&lt;vs&gt;.&lt;tenant&gt;.&lt;sub-domain&gt;</c> (autoFQDN
    /// default), <c>&lt;vs&gt;-&lt;tenant&gt;.&lt;sub-domain&gt;</c> (flat), none when autoFQDN is disabled or no sub-domain is served.</summary>
    private static IEnumerable<string> ShardFqdn(string vsName, TranslationContext context)
    {
        if (context.FqdnSubdomain is not { } subdomain) yield break;
        var tenant = DnsLabel(context.Settings.TenantName);
        switch (context.Settings.AutoFqdn)
        {
            case Settings.AutoFqdnMode.Default:
                yield return $"{vsName}.{tenant}.{subdomain}";
                break;
            case Settings.AutoFqdnMode.Flat:
                yield return $"{vsName}-{tenant}.{subdomain}";
                break;
        }
    }

    /// <summary>The tenant name as AKO makes it a DNS label: other characters become '-', runs of '-' collapse, ends trimmed.</summary>
    private static string DnsLabel(string tenant) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(tenant, "[^a-zA-Z0-9-]", "-"), "-+", "-").Trim('-');

    private sealed class SniHost(IngressKey owner, string fingerprint, string certificatePem, TlsKeyRef key)
    {
        public IngressKey Owner { get; } = owner;

        public string Fingerprint { get; } = fingerprint;

        public string CertificatePem { get; } = certificatePem;

        public TlsKeyRef Key { get; } = key;

        public SortedDictionary<string, List<(PathRoute Path, int Order, HttpPolicyRule Rule, string IngressName)>> RulesByNamespace { get; } = new(StringComparer.Ordinal);

        public void Add(string ns, string ingressName, PathRoute path, HttpPolicyRule rule)
        {
            if (!RulesByNamespace.TryGetValue(ns, out var rules)) RulesByNamespace[ns] = rules = [];
            rules.Add((path, rules.Count, rule, ingressName));
        }
    }

    private sealed class VerdictBuilder
    {
        private readonly SortedSet<string> _served = new(StringComparer.Ordinal);
        private readonly List<UserProblem> _problems = [];

        public void Serve(string host) => _served.Add(host);

        public void Problem(string reason, string message)
        {
            var problem = new UserProblem(reason, message);
            if (!_problems.Contains(problem)) _problems.Add(problem);
        }

        public ShardVerdict Build() => new(_served.ToEquatableArray(), _problems.ToEquatableArray());
    }
}
