using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Kubernetes;

namespace AkoActors.Domain.HostRules;

/// <summary>The checks AKO makes before it accepts a HostRule: what can be decided from the cluster alone (duplicate fqdn,
/// fqdnType and aliases, a certificate Secret), and the Avi objects that must exist on the controller.</summary>
public static class HostRuleValidation
{
    /// <summary>The reason the rule is Rejected on cluster grounds alone, or null.</summary>
    public static string? ClusterProblem(HostRuleSnapshot rule, IReadOnlyList<HostRuleSnapshot> all, IClusterState cluster)
    {
        if (string.IsNullOrWhiteSpace(rule.Fqdn)) return "spec.virtualhost.fqdn is empty; set the host the rule applies to";
        if (rule.FqdnType == HostRuleFqdnType.Wildcard && !rule.Fqdn.StartsWith('*'))
        {
            return $"fqdn {rule.Fqdn} must start with '*' for fqdnType Wildcard (e.g. *.example.com)";
        }
        // AKO honours the first HostRule for an fqdn and rejects the others; "first" is the older here, so every replica
        // (and a restart) picks the same one.
        var holder = all.Where(other => other.Key != rule.Key && string.Equals(other.Fqdn, rule.Fqdn, StringComparison.OrdinalIgnoreCase) &&
                                        (other.Created, other.Key.ToString()).CompareTo((rule.Created, rule.Key.ToString())) < 0)
            .OrderBy(other => other.Created).FirstOrDefault();
        if (holder is not null) return $"duplicate fqdn {rule.Fqdn} found in {holder.Key}";
        if (!rule.Aliases.IsEmpty)
        {
            if (rule.FqdnType != HostRuleFqdnType.Exact) return "aliases need fqdnType Exact; remove the aliases or match the fqdn exactly";
            if (rule.Aliases.Any(a => string.Equals(a, rule.Fqdn, StringComparison.OrdinalIgnoreCase)))
            {
                return $"aliases must not contain the fqdn {rule.Fqdn} itself";
            }
            var repeated = rule.Aliases.GroupBy(a => a, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null) return $"alias {repeated.Key} appears more than once; aliases must be unique";
        }
        foreach (var certificate in Certificates(rule).Where(c => c.IsSecret))
        {
            var secret = cluster.GetSecret(rule.Key.Namespace, certificate.Name);
            if (secret?.Certificate is null || secret.KeyFingerprint is null)
            {
                return $"TLS Secret {rule.Key.Namespace}/{certificate.Name} named in tls.sslKeyCertificate does not exist or lacks tls.crt/tls.key; " +
                       "create it in the HostRule's namespace or refer to an Avi certificate with type: ref";
            }
        }
        return null;
    }

    /// <summary>Every Avi object the rule names, in the order AKO checks them.</summary>
    public static IReadOnlyList<AviReferenceCheck> AviReferences(HostRuleSnapshot rule)
    {
        var checks = new List<AviReferenceCheck>();
        foreach (var certificate in Certificates(rule).Where(c => !c.IsSecret))
        {
            checks.Add(new("sslkeyandcertificate", certificate.Name, "tls.sslKeyCertificate"));
        }
        if (rule.Tls?.SslProfile is { } sslProfile) checks.Add(new("sslprofile", sslProfile, "tls.sslProfile"));
        checks.AddRange(rule.HttpPolicySets.Select(name => new AviReferenceCheck("httppolicyset", name, "httpPolicy.policySets")));
        if (rule.WafPolicy is { } waf) checks.Add(new("wafpolicy", waf, "wafPolicy"));
        if (rule.ApplicationProfile is { } application)
        {
            checks.Add(new("applicationprofile", application, "applicationProfile", "APPLICATION_PROFILE_TYPE_HTTP"));
        }
        if (rule.AnalyticsProfile is { } analytics) checks.Add(new("analyticsprofile", analytics, "analyticsProfile"));
        if (rule.ErrorPageProfile is { } errorPage) checks.Add(new("errorpageprofile", errorPage, "errorPageProfile"));
        checks.AddRange(rule.IcapProfiles.Select(name => new AviReferenceCheck("icapprofile", name, "icapProfile")));
        if (rule.NetworkSecurityPolicy is { } nsp) checks.Add(new("networksecuritypolicy", nsp, "networkSecurityPolicy"));
        checks.AddRange(rule.DataScripts.Select(name => new AviReferenceCheck("vsdatascriptset", name, "datascripts")));
        return checks;
    }

    private static IEnumerable<CertificateSource> Certificates(HostRuleSnapshot rule)
    {
        if (rule.Tls is null) yield break;
        yield return rule.Tls.Certificate;
        if (rule.Tls.AlternateCertificate is { } alternate) yield return alternate;
    }
}
