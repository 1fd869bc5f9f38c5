using System.Globalization;
using AkoActors.Domain.Avi;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Domain.L4Rules;

/// <summary>The checks before an L4Rule is Accepted (AKO's l4rule.md: "accepted only when all the reference objects specified
/// inside it exist"): a pool given twice, and every Avi object it names, looked up in the Service's tenant.</summary>
public static class L4RuleValidation
{
    /// <summary>An L4 VS's application profile must be of type L4 (AKO: "L4 SSL/TLS is not supported currently").</summary>
    public const string L4ApplicationProfileType = "APPLICATION_PROFILE_TYPE_L4";

    /// <summary>With a listener that terminates TLS, a named application profile must be of type L4 SSL/TLS.</summary>
    public const string SslApplicationProfileType = "APPLICATION_PROFILE_TYPE_SSL";

    public static string? ClusterProblem(L4RuleSnapshot rule)
    {
        var repeated = rule.Backends.GroupBy(b => (b.Port, b.Protocol)).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            return $"backendProperties names port {repeated.Key.Port.ToString(CultureInfo.InvariantCulture)}/{repeated.Key.Protocol} more than once; merge its settings into one entry";
        }
        // AKO rejects HealthMonitor resource references unless its CRD operator runs; this controller has no such operator.
        if (rule.Backends.FirstOrDefault(b => !b.HealthMonitorCrdRefs.IsEmpty) is { } monitored)
        {
            return $"backendProperties[{monitored.Port.ToString(CultureInfo.InvariantCulture)}/{monitored.Protocol}].healthMonitorCrdRefs names HealthMonitor " +
                   "resources, which AKO's CRD operator serves and this controller does not run (AKO rejects them without it); " +
                   "name Avi health monitors in healthMonitorRefs instead";
        }
        // AKO (l4rule.md, "Enabling SSL with L4Rule"): the VS's SSL profile and certificates go with an SSL listener and an
        // application profile of type L4 SSL/TLS named explicitly; SSL termination needs the TCP proxy.
        if ((rule.SslProfile is not null || !rule.SslCertificates.IsEmpty) && !NamesSslApplicationProfile(rule))
        {
            return "sslProfileRef and sslKeyAndCertificateRefs apply only when a listenerProperties entry sets enableSsl: true and applicationProfileRef " +
                   $"names a profile of type {SslApplicationProfileType}; set both, or remove them";
        }
        if (rule.EnablesSsl && rule.NetworkProfile is { } network && network != L4ServiceTranslator.TcpNetworkProfile)
        {
            return $"listenerProperties enables SSL, which is terminated on the TCP proxy only, but networkProfileRef is {network}; " +
                   $"set networkProfileRef to {L4ServiceTranslator.TcpNetworkProfile} or disable SSL";
        }
        return null;
    }

    /// <summary>AKO: "revokeVipRoute is only supported for NSX-T clouds, otherwise the L4Rule will be rejected".</summary>
    public static string? CloudProblem(L4RuleSnapshot rule, AviCloudType? cloud) =>
        rule.RevokeVipRoute && cloud?.VType != AviCloudType.NsxT
            ? $"revokeVipRoute is supported on NSX-T clouds only, and the cloud is {cloud?.ToString() ?? "of unknown type"}; remove revokeVipRoute"
            : null;

    /// <summary>True when SSL is enabled with an application profile other than the CRD's default System-L4-Application (which
    /// AKO replaces with System-SSL-Application); that profile must then be of type L4 SSL/TLS.</summary>
    public static bool NamesSslApplicationProfile(L4RuleSnapshot rule) =>
        rule.EnablesSsl && rule.ApplicationProfile is { } profile && profile != L4ServiceTranslator.L4ApplicationProfile;

    public static IReadOnlyList<AviReferenceCheck> AviReferences(L4RuleSnapshot rule)
    {
        var checks = new List<AviReferenceCheck>();
        if (rule.ApplicationProfile is { } application)
        {
            checks.Add(new("applicationprofile", application, "applicationProfileRef",
                NamesSslApplicationProfile(rule) ? SslApplicationProfileType : L4ApplicationProfileType));
        }
        if (rule.NetworkProfile is { } network) checks.Add(new("networkprofile", network, "networkProfileRef"));
        if (rule.AnalyticsProfile is { } analytics) checks.Add(new("analyticsprofile", analytics, "analyticsProfileRef"));
        if (rule.NetworkSecurityPolicy is { } policy) checks.Add(new("networksecuritypolicy", policy, "networkSecurityPolicyRef"));
        if (rule.SecurityPolicy is { } security) checks.Add(new("securitypolicy", security, "securityPolicyRef"));
        checks.AddRange(rule.DataScripts.Select(name => new AviReferenceCheck("vsdatascriptset", name, "vsDatascriptRefs")));
        if (rule.SslProfile is { } sslProfile) checks.Add(new("sslprofile", sslProfile, "sslProfileRef"));
        checks.AddRange(rule.SslCertificates.Select(name => new AviReferenceCheck("sslkeyandcertificate", name, "sslKeyAndCertificateRefs")));
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
