using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;

namespace AkoActors.Avi.Codec;

/// <summary>The pool fields an HTTPRule or an L4Rule backend sets (algorithm and hashing, persistence, re-encryption SSL and
/// PKI profiles and certificate, HTTP/2 to the backends, enabled, minimum servers up, real-time metrics), written and read as
/// one block so removing the rule removes exactly what it set.</summary>
public static class PoolRuleFields
{
    public static void Write(JsonObject json, PoolRuleSettings rules)
    {
        json["lb_algorithm"] = rules.Algorithm;
        JsonWrite.Set(json, "lb_algorithm_hash", rules.Hash is null ? null : JsonValue.Create(rules.Hash));
        JsonWrite.Set(json, "lb_algorithm_consistent_hash_hdr", rules.HashHeader is null ? null : JsonValue.Create(rules.HashHeader));
        JsonWrite.Ref(json, "application_persistence_profile_ref", AviObjectTypes.ApplicationPersistenceProfile, rules.PersistenceProfile);
        JsonWrite.Ref(json, "ssl_profile_ref", AviObjectTypes.SslProfile, rules.SslProfile);
        JsonWrite.Ref(json, "pki_profile_ref", AviObjectTypes.PkiProfile, rules.PkiProfile);
        JsonWrite.Set(json, "enable_http2", rules.EnableHttp2 ? JsonValue.Create(true) : null);
        json["enabled"] = rules.Enabled;
        JsonWrite.Set(json, "min_servers_up", rules.MinServersUp is { } minimum ? JsonValue.Create(minimum) : null);
        JsonWrite.Ref(json, "ssl_key_and_certificate_ref", AviObjectTypes.SslKeyAndCertificate, rules.SslKeyAndCertificate);
        JsonWrite.Set(json, "analytics_policy", rules.RealtimeMetrics ? new JsonObject { ["enable_realtime_metrics"] = true } : null);
    }

    public static PoolRuleSettings Read(JsonObject json) =>
        PoolRuleSettings.Of(
            JsonRead.String(json, "lb_algorithm"),
            JsonRead.String(json, "lb_algorithm_hash"),
            JsonRead.String(json, "lb_algorithm_consistent_hash_hdr"),
            AviRefs.NameOf(JsonRead.String(json, "application_persistence_profile_ref")),
            AviRefs.NameOf(JsonRead.String(json, "ssl_profile_ref")),
            AviRefs.NameOf(JsonRead.String(json, "pki_profile_ref")),
            JsonRead.Bool(json["enable_http2"]) ?? false) with
        {
            Enabled = JsonRead.Bool(json["enabled"]) ?? true,
            MinServersUp = JsonRead.Int(json["min_servers_up"]),
            SslKeyAndCertificate = AviRefs.NameOf(JsonRead.String(json, "ssl_key_and_certificate_ref")),
            RealtimeMetrics = JsonRead.Bool((json["analytics_policy"] as JsonObject)?["enable_realtime_metrics"]) == true,
        };
}
