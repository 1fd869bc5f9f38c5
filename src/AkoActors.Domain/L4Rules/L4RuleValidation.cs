using System.Globalization;
using AkoActors.Domain.CustomResources;

namespace AkoActors.Domain.L4Rules;

/// <summary>The checks before an L4Rule is Accepted (AKO's l4rule.md: "accepted only when all the reference objects specified
/// inside it exist"): a pool given twice, and every Avi object it names, looked up in the Service's tenant.</summary>
public static class L4RuleValidation
{
    /// <summary>An L4 VS's application profile must be of type L4 (AKO: "L4 SSL/TLS is not supported currently").</summary>
    public const string L4ApplicationProfileType = "APPLICATION_PROFILE_TYPE_L4";

    public static string? ClusterProblem(L4RuleSnapshot rule)
    {
        var repeated = rule.Backends.GroupBy(b => (b.Port, b.Protocol)).FirstOrDefault(g => g.Count() > 1);
        return repeated is null
            ? null
            : $"backendProperties names port {repeated.Key.Port.ToString(CultureInfo.InvariantCulture)}/{repeated.Key.Protocol} more than once; merge its settings into one entry";
    }

    public static IReadOnlyList<AviReferenceCheck> AviReferences(L4RuleSnapshot rule)
    {
        var checks = new List<AviReferenceCheck>();
        if (rule.ApplicationProfile is { } application) checks.Add(new("applicationprofile", application, "applicationProfileRef", L4ApplicationProfileType));
        if (rule.NetworkProfile is { } network) checks.Add(new("networkprofile", network, "networkProfileRef"));
        if (rule.AnalyticsProfile is { } analytics) checks.Add(new("analyticsprofile", analytics, "analyticsProfileRef"));
        if (rule.NetworkSecurityPolicy is { } policy) checks.Add(new("networksecuritypolicy", policy, "networkSecurityPolicyRef"));
        checks.AddRange(rule.DataScripts.Select(name => new AviReferenceCheck("vsdatascriptset", name, "vsDatascriptRefs")));
        foreach (var backend in rule.Backends)
        {
            var field = $"backendProperties[{backend.Port.ToString(CultureInfo.InvariantCulture)}/{backend.Protocol}]";
            checks.AddRange(backend.HealthMonitors.Select(name => new AviReferenceCheck("healthmonitor", name, $"{field}.healthMonitorRefs")));
            if (backend.Persistence is { } persistence) checks.Add(new("applicationpersistenceprofile", persistence, $"{field}.applicationPersistenceProfileRef"));
            if (backend.SslProfile is { } ssl) checks.Add(new("sslprofile", ssl, $"{field}.sslProfileRef"));
            if (backend.PkiProfile is { } pki) checks.Add(new("pkiprofile", pki, $"{field}.pkiProfileRef"));
            if (backend.SslKeyAndCertificate is { } certificate) checks.Add(new("sslkeyandcertificate", certificate, $"{field}.sslKeyAndCertificateRef"));
        }
        return checks.Distinct().ToList();
    }
}
