namespace AkoActors.AviSim.Store;

/// <summary>Which JSON fields hold references and which object type each must point at; a ref to the wrong
/// type is refused like the controller refuses it.</summary>
internal static class RefFields
{
    private static readonly Dictionary<string, string> ExpectedTypes = new(StringComparer.Ordinal)
    {
        ["pool_ref"] = "pool",
        ["pool_group_ref"] = "poolgroup",
        ["pool_group_refs"] = "poolgroup",
        ["vsvip_ref"] = "vsvip",
        ["vrf_context_ref"] = "vrfcontext",
        ["vrf_ref"] = "vrfcontext",
        ["se_group_ref"] = "serviceenginegroup",
        ["cloud_ref"] = "cloud",
        ["tenant_ref"] = "tenant",
        ["network_ref"] = "network",
        ["nw_ref"] = "network",
        ["usable_network_refs"] = "network",
        ["http_policy_set_ref"] = "httppolicyset",
        ["l4_policy_set_ref"] = "l4policyset",
        ["vs_datascript_set_ref"] = "vsdatascriptset",
        ["ssl_key_and_certificate_refs"] = "sslkeyandcertificate",
        ["ssl_key_and_certificate_ref"] = "sslkeyandcertificate",
        ["application_profile_ref"] = "applicationprofile",
        ["network_profile_ref"] = "networkprofile",
        ["health_monitor_refs"] = "healthmonitor",
        ["vh_parent_vs_ref"] = "virtualservice",
        ["dns_virtualservice_refs"] = "virtualservice",
        ["ipam_provider_ref"] = "ipamdnsproviderprofile",
        ["dns_provider_ref"] = "ipamdnsproviderprofile",
        ["analytics_profile_ref"] = "analyticsprofile",
        ["ssl_profile_ref"] = "sslprofile",
        ["pki_profile_ref"] = "pkiprofile",
        ["waf_policy_ref"] = "wafpolicy",
        ["error_page_profile_ref"] = "errorpageprofile",
        ["icap_profile_refs"] = "icapprofile",
        ["network_security_policy_ref"] = "networksecuritypolicy",
        ["security_policy_ref"] = "securitypolicy",
        ["application_persistence_profile_ref"] = "applicationpersistenceprofile",
    };

    /// <summary>True for <c>*_ref</c> and <c>*_refs</c> fields; <c>url</c> is the object's own address, not a ref.</summary>
    public static bool IsRefField(string propertyName) =>
        propertyName.EndsWith("_ref", StringComparison.Ordinal) || propertyName.EndsWith("_refs", StringComparison.Ordinal);

    /// <summary>The type a field must point at, or null where the field is not modelled (any known type is then accepted).</summary>
    public static string? ExpectedType(string propertyName) =>
        ExpectedTypes.TryGetValue(propertyName, out var type) ? type : null;
}
