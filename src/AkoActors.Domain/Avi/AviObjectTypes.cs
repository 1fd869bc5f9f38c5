namespace AkoActors.Domain.Avi;

/// <summary>The Avi REST collection names (the path segment after /api/) this project reads or writes.</summary>
public static class AviObjectTypes
{
    public const string VirtualService = "virtualservice";
    public const string VsVip = "vsvip";
    public const string Pool = "pool";
    public const string PoolGroup = "poolgroup";
    public const string HttpPolicySet = "httppolicyset";
    public const string L4PolicySet = "l4policyset";
    public const string VsDataScriptSet = "vsdatascriptset";
    public const string SslKeyAndCertificate = "sslkeyandcertificate";
    public const string VrfContext = "vrfcontext";
    public const string Cloud = "cloud";
    public const string Network = "network";
    public const string ServiceEngineGroup = "serviceenginegroup";
    public const string Tenant = "tenant";
    public const string ApplicationProfile = "applicationprofile";
    public const string NetworkProfile = "networkprofile";
    public const string HealthMonitor = "healthmonitor";
    public const string StringGroup = "stringgroup";
    public const string IpAddrGroup = "ipaddrgroup";
    public const string SslProfile = "sslprofile";
    public const string WafPolicy = "wafpolicy";
    public const string AnalyticsProfile = "analyticsprofile";
    public const string ErrorPageProfile = "errorpageprofile";
    public const string IcapProfile = "icapprofile";
    public const string NetworkSecurityPolicy = "networksecuritypolicy";
    public const string SecurityPolicy = "securitypolicy";
    public const string PkiProfile = "pkiprofile";
    public const string ApplicationPersistenceProfile = "applicationpersistenceprofile";

    /// <summary>The types that make up a virtual service tree, in the order a tree is created.</summary>
    public static IReadOnlyList<string> TreeTypes { get; } =
        [VsVip, SslKeyAndCertificate, PkiProfile, Pool, PoolGroup, HttpPolicySet, L4PolicySet, VsDataScriptSet, VirtualService];
}
