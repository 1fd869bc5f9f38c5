using AkoActors.Domain.CustomResources;

namespace AkoActors.Domain.HttpRules;

/// <summary>The checks before an HTTPRule is Accepted (AKO's httprule.md): fields that cannot go together, a CA that is not
/// a certificate, and the Avi objects it names (health monitors, persistence, SSL and PKI profiles).</summary>
public static class HttpRuleValidation
{
    public static string? ClusterProblem(HttpRuleSnapshot rule)
    {
        if (string.IsNullOrWhiteSpace(rule.Fqdn)) return "spec.fqdn is empty; set the host whose paths the rule applies to";
        var repeated = rule.Paths.GroupBy(p => p.Target, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) return $"target {repeated.Key} appears more than once in spec.paths; merge its settings into one entry";
        foreach (var path in rule.Paths)
        {
            if (path.Reencrypt is { PkiProfile: not null, DestinationCa: not null })
            {
                return $"path {path.Target}: only one of tls.pkiProfile or tls.destinationCA can be set";
            }
            if (path.Reencrypt?.DestinationCa is { } ca && !ca.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                return $"path {path.Target}: tls.destinationCA is not a PEM certificate (-----BEGIN CERTIFICATE-----)";
            }
        }
        return null;
    }

    public static IReadOnlyList<AviReferenceCheck> AviReferences(HttpRuleSnapshot rule)
    {
        var checks = new List<AviReferenceCheck>();
        foreach (var path in rule.Paths)
        {
            checks.AddRange(path.HealthMonitors.Select(name => new AviReferenceCheck("healthmonitor", name, $"paths[{path.Target}].healthMonitors")));
            if (path.Persistence is { } persistence)
            {
                checks.Add(new("applicationpersistenceprofile", persistence, $"paths[{path.Target}].applicationPersistence"));
            }
            if (path.Reencrypt?.SslProfile is { } ssl) checks.Add(new("sslprofile", ssl, $"paths[{path.Target}].tls.sslProfile"));
            if (path.Reencrypt?.PkiProfile is { } pki) checks.Add(new("pkiprofile", pki, $"paths[{path.Target}].tls.pkiProfile"));
        }
        return checks.Distinct().ToList();
    }
}
