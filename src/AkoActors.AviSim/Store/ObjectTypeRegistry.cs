namespace AkoActors.AviSim.Store;

/// <summary>The object types the simulator serves; anything else is refused as an unknown type, as a
/// real controller refuses a collection it does not have.</summary>
internal static class ObjectTypeRegistry
{
    private static readonly Dictionary<string, AviObjectType> Types = new AviObjectType[]
    {
        new("virtualservice", "VirtualService", CloudScoped: true),
        new("vsvip", "VsVip", CloudScoped: true),
        new("pool", "Pool", CloudScoped: true),
        new("poolgroup", "PoolGroup", CloudScoped: true),
        new("httppolicyset", "HTTPPolicySet"),
        new("l4policyset", "L4PolicySet"),
        new("vsdatascriptset", "VSDataScriptSet"),
        new("sslkeyandcertificate", "SSLKeyAndCertificate", SharedFromAdmin: true),
        new("vrfcontext", "VrfContext", SharedFromAdmin: true, CloudScoped: true),
        new("tenant", "Tenant", SharedFromAdmin: true),
        new("cloud", "Cloud", SharedFromAdmin: true),
        new("network", "Network", SharedFromAdmin: true, CloudScoped: true),
        new("serviceenginegroup", "ServiceEngineGroup", SharedFromAdmin: true, CloudScoped: true),
        new("ipamdnsproviderprofile", "IpamDnsProviderProfile", SharedFromAdmin: true),
        new("applicationprofile", "ApplicationProfile", SharedFromAdmin: true),
        new("networkprofile", "NetworkProfile", SharedFromAdmin: true),
        new("healthmonitor", "HealthMonitor", SharedFromAdmin: true),
        new("analyticsprofile", "AnalyticsProfile", SharedFromAdmin: true),
        new("sslprofile", "SSLProfile", SharedFromAdmin: true),
        new("pkiprofile", "PKIProfile", SharedFromAdmin: true),
        new("stringgroup", "StringGroup", SharedFromAdmin: true),
        new("wafpolicy", "WafPolicy", SharedFromAdmin: true),
        new("errorpageprofile", "ErrorPageProfile", SharedFromAdmin: true),
        new("icapprofile", "IcapProfile", SharedFromAdmin: true),
        new("networksecuritypolicy", "NetworkSecurityPolicy", SharedFromAdmin: true),
        new("securitypolicy", "SecurityPolicy", SharedFromAdmin: true),
        new("applicationpersistenceprofile", "ApplicationPersistenceProfile", SharedFromAdmin: true),
        new("systemconfiguration", "SystemConfiguration", SharedFromAdmin: true, Singleton: true),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static IEnumerable<AviObjectType> All => Types.Values;

    public static bool TryGet(string name, out AviObjectType type) => Types.TryGetValue(name, out type!);

    public static AviObjectType Get(string name) =>
        Types.TryGetValue(name, out var type) ? type : throw new ArgumentException($"unknown object type {name}", nameof(name));
}
