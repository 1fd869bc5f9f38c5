using System.Text.Json;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.L4Rules;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>L4Rule custom resource → <see cref="L4RuleSnapshot"/>; the API server checked types and filled the CRD's defaults
/// (analyticsProfileRef System-Analytics-Profile, applicationProfileRef System-L4-Application, networkProfileRef
/// System-TCP-Proxy, backend lbAlgorithm LB_ALGORITHM_LEAST_CONNECTIONS), so odd values only come from a schema-less install.</summary>
public static class L4RuleSnapshots
{
    public static L4RuleSnapshot From(CustomResource resource)
    {
        var spec = resource.Spec is { ValueKind: JsonValueKind.Object } s ? s : default;
        var backends = Items(spec, "backendProperties").Select(Backend).ToEquatableArray();
        var logs = Json.Object(Json.Object(spec, "analyticsPolicy"), "fullClientLogs");
        var limits = Json.Object(spec, "performanceLimits");
        return new L4RuleSnapshot(
            new L4RuleKey(resource.Metadata.NamespaceProperty ?? "default", resource.Metadata.Name),
            resource.Metadata.Uid ?? string.Empty,
            Json.String(spec, "applicationProfileRef"),
            Json.String(spec, "networkProfileRef"),
            Json.String(spec, "analyticsProfileRef"),
            Json.String(spec, "networkSecurityPolicyRef"),
            Json.Strings(spec, "vsDatascriptRefs"),
            Json.String(spec, "loadBalancerIP")?.Trim(),
            backends,
            // Every field of AKO's L4Rule is acted on, or (healthMonitorCrdRefs) refused at admission as AKO refuses it here.
            EquatableArray<string>.Empty,
            RuleResourceFields.Status(resource))
        {
            ClientLogs = logs.ValueKind == JsonValueKind.Object
                ? new L4ClientLogs(Json.Bool(logs, "enabled") ?? false, Int(logs, "throttle") ?? L4ClientLogs.DefaultThrottle,
                    Int(logs, "duration") ?? L4ClientLogs.DefaultDuration)
                : null,
            SecurityPolicy = Json.String(spec, "securityPolicyRef"),
            SslProfile = Json.String(spec, "sslProfileRef"),
            SslCertificates = Json.Strings(spec, "sslKeyAndCertificateRefs"),
            Listeners = Items(spec, "listenerProperties")
                .Select(l => new L4RuleListener(Int(l, "port") ?? 0, (Json.String(l, "protocol") ?? "TCP").ToUpperInvariant(), Json.Bool(l, "enableSsl") == true))
                .ToEquatableArray(),
            RevokeVipRoute = Json.Bool(spec, "revokeVipRoute") == true,
            PerformanceLimits = L4PerformanceLimits.Of(Int(limits, "maxConcurrentConnections"), Int(limits, "maxThroughput")),
            Generation = resource.Metadata.Generation ?? 0,
            DecidedGeneration = RuleResourceFields.DecidedGeneration(resource),
        };
    }

    private static L4RuleBackend Backend(JsonElement backend)
    {
        return new L4RuleBackend(
            backend.TryGetProperty("port", out var port) && port.TryGetInt32(out var number) ? number : 0,
            (Json.String(backend, "protocol") ?? "TCP").ToUpperInvariant(),
            Json.String(backend, "lbAlgorithm"),
            Json.String(backend, "lbAlgorithmHash"),
            Json.String(backend, "lbAlgorithmConsistentHashHdr"),
            Json.Strings(backend, "healthMonitorRefs"),
            Json.String(backend, "applicationPersistenceProfileRef"),
            Json.String(backend, "sslProfileRef"),
            Json.String(backend, "pkiProfileRef"),
            Json.String(backend, "sslKeyAndCertificateRef"))
        {
            Enabled = Json.Bool(backend, "enabled") ?? true,
            MinServersUp = Int(backend, "minServersUp"),
            RealtimeMetrics = Json.Bool(Json.Object(backend, "analyticsPolicy"), "enableRealtimeMetrics") == true,
            HealthMonitorCrdRefs = Json.Strings(backend, "healthMonitorCrdRefs"),
        };
    }

    private static int? Int(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static IEnumerable<JsonElement> Items(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];
}
