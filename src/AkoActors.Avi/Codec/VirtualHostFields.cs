using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Codec;

/// <summary>The SNI child fields a HostRule sets (enabled, SSL profile, WAF policy, analytics and error page profiles, ICAP
/// profiles, network security policy, analytics policy), written and read as one block so that removing a HostRule
/// removes exactly what it had set.</summary>
public static class VirtualHostFields
{
    public static void Write(JsonObject json, VirtualHostSettings host)
    {
        json["enabled"] = host.Enabled;
        JsonWrite.Ref(json, "ssl_profile_ref", AviObjectTypes.SslProfile, host.SslProfile);
        JsonWrite.Ref(json, "waf_policy_ref", AviObjectTypes.WafPolicy, host.WafPolicy);
        JsonWrite.Ref(json, "analytics_profile_ref", AviObjectTypes.AnalyticsProfile, host.AnalyticsProfile);
        JsonWrite.Ref(json, "error_page_profile_ref", AviObjectTypes.ErrorPageProfile, host.ErrorPageProfile);
        JsonWrite.Set(json, "icap_profile_refs", host.IcapProfiles.IsEmpty ? null : JsonWrite.Refs(AviObjectTypes.IcapProfile, host.IcapProfiles));
        JsonWrite.Ref(json, "network_security_policy_ref", AviObjectTypes.NetworkSecurityPolicy, host.NetworkSecurityPolicy);
        JsonWrite.Set(json, "analytics_policy", host.AnalyticsPolicy is { } policy
            ? new JsonObject
            {
                ["full_client_logs"] = new JsonObject
                {
                    ["enabled"] = policy.FullClientLogs,
                    ["throttle"] = policy.Throttle,
                    ["duration"] = policy.Duration,
                },
                ["all_headers"] = policy.AllHeaders,
            }
            : null);
    }

    public static VirtualHostSettings Read(JsonObject json)
    {
        var policy = json["analytics_policy"] as JsonObject;
        var logs = policy?["full_client_logs"] as JsonObject;
        return new VirtualHostSettings(
            JsonRead.Bool(json["enabled"]) ?? true,
            AviRefs.NameOf(JsonRead.String(json, "ssl_profile_ref")),
            AviRefs.NameOf(JsonRead.String(json, "waf_policy_ref")),
            AnalyticsProfiles.OrNone(AviRefs.NameOf(JsonRead.String(json, "analytics_profile_ref"))),
            AviRefs.NameOf(JsonRead.String(json, "error_page_profile_ref")),
            JsonRead.Strings(json["icap_profile_refs"]).Select(r => AviRefs.NameOf(r) ?? r).ToEquatableArray(),
            AviRefs.NameOf(JsonRead.String(json, "network_security_policy_ref")),
            policy is null
                ? null
                : new VirtualHostAnalyticsPolicy(
                    JsonRead.Bool(logs?["enabled"]) ?? false,
                    JsonRead.Int(logs?["throttle"]) ?? 10,
                    JsonRead.Int(logs?["duration"]) ?? 0,
                    JsonRead.Bool(policy["all_headers"]) ?? false));
    }
}
