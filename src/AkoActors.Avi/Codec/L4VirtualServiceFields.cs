using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;

namespace AkoActors.Avi.Codec;

/// <summary>The L4 VS fields an L4Rule sets (analytics profile and policy, network security and security policies, performance limits, SSL
/// profile, VIP route revocation), written and read as one block so that detaching the rule removes exactly what it set.</summary>
public static class L4VirtualServiceFields
{
    public static void Write(JsonObject json, L4VirtualServiceSettings settings)
    {
        JsonWrite.Ref(json, "analytics_profile_ref", AviObjectTypes.AnalyticsProfile, settings.AnalyticsProfile);
        JsonWrite.Ref(json, "network_security_policy_ref", AviObjectTypes.NetworkSecurityPolicy, settings.NetworkSecurityPolicy);
        JsonWrite.Ref(json, "security_policy_ref", AviObjectTypes.SecurityPolicy, settings.SecurityPolicy);
        JsonWrite.Ref(json, "ssl_profile_ref", AviObjectTypes.SslProfile, settings.SslProfile);
        JsonWrite.Set(json, "analytics_policy", settings.ClientLogs is { } logs
            ? new JsonObject
            {
                ["full_client_logs"] = new JsonObject { ["enabled"] = logs.Enabled, ["throttle"] = logs.Throttle, ["duration"] = logs.Duration },
            }
            : null);
        JsonWrite.Set(json, "performance_limits", settings.PerformanceLimits is { } limits ? PerformanceLimits(limits) : null);
        JsonWrite.Set(json, "revoke_vip_route", settings.RevokeVipRoute ? JsonValue.Create(true) : null);
    }

    public static L4VirtualServiceSettings Read(JsonObject json)
    {
        var logs = (json["analytics_policy"] as JsonObject)?["full_client_logs"] as JsonObject;
        var limits = json["performance_limits"] as JsonObject;
        return new L4VirtualServiceSettings(
            // The controller fills in its own profile where none is written; reading it as none keeps a VS without a rule satisfied.
            AnalyticsProfiles.OrNone(AviRefs.NameOf(JsonRead.String(json, "analytics_profile_ref"))),
            AviRefs.NameOf(JsonRead.String(json, "network_security_policy_ref")),
            AviRefs.NameOf(JsonRead.String(json, "security_policy_ref")),
            logs is null
                ? null
                : new L4ClientLogs(
                    JsonRead.Bool(logs["enabled"]) ?? false,
                    JsonRead.Int(logs["throttle"]) ?? L4ClientLogs.DefaultThrottle,
                    JsonRead.Int(logs["duration"]) ?? L4ClientLogs.DefaultDuration),
            L4PerformanceLimits.Of(JsonRead.Int(limits?["max_concurrent_connections"]), JsonRead.Int(limits?["max_throughput"])),
            AviRefs.NameOf(JsonRead.String(json, "ssl_profile_ref")),
            JsonRead.Bool(json["revoke_vip_route"]) == true);
    }

    private static JsonObject PerformanceLimits(L4PerformanceLimits limits)
    {
        var json = new JsonObject();
        if (limits.MaxConcurrentConnections is { } connections) json["max_concurrent_connections"] = connections;
        if (limits.MaxThroughput is { } throughput) json["max_throughput"] = throughput;
        return json;
    }
}
