using System.Globalization;
using System.Text.Json;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Keys;
using AkoActors.Domain.L4Rules;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>L4Rule custom resource → <see cref="L4RuleSnapshot"/>; the API server checked types and filled the CRD's defaults
/// (analyticsProfileRef System-Analytics-Profile, applicationProfileRef System-L4-Application, networkProfileRef
/// System-TCP-Proxy, backend lbAlgorithm LB_ALGORITHM_LEAST_CONNECTIONS), so odd values only come from a schema-less install.</summary>
public static class L4RuleSnapshots
{
    /// <summary>The controller's own analytics profile for a VS: naming it asks for nothing a VS does not already have.</summary>
    private const string DefaultAnalyticsProfile = "System-Analytics-Profile";

    public static L4RuleSnapshot From(CustomResource resource)
    {
        var spec = resource.Spec is { ValueKind: JsonValueKind.Object } s ? s : default;
        var ignored = new List<string>();
        var backends = Items(spec, "backendProperties").Select(b => Backend(b, ignored)).ToEquatableArray();
        var analyticsProfile = Json.String(spec, "analyticsProfileRef");
        var networkSecurityPolicy = Json.String(spec, "networkSecurityPolicyRef");
        if (analyticsProfile is not null && analyticsProfile != DefaultAnalyticsProfile) ignored.Add("analyticsProfileRef");
        if (networkSecurityPolicy is not null) ignored.Add("networkSecurityPolicyRef");
        if (Json.Object(Json.Object(spec, "analyticsPolicy"), "fullClientLogs").ValueKind == JsonValueKind.Object) ignored.Add("analyticsPolicy");
        if (Json.Object(spec, "performanceLimits") is { ValueKind: JsonValueKind.Object } limits && limits.EnumerateObject().Any()) ignored.Add("performanceLimits");
        if (Json.String(spec, "securityPolicyRef") is not null) ignored.Add("securityPolicyRef");
        if (Json.String(spec, "sslProfileRef") is not null) ignored.Add("sslProfileRef");
        if (!Json.Strings(spec, "sslKeyAndCertificateRefs").IsEmpty) ignored.Add("sslKeyAndCertificateRefs");
        if (Items(spec, "listenerProperties").Any()) ignored.Add("listenerProperties");
        if (Json.Bool(spec, "revokeVipRoute") == true) ignored.Add("revokeVipRoute");
        return new L4RuleSnapshot(
            new L4RuleKey(resource.Metadata.NamespaceProperty ?? "default", resource.Metadata.Name),
            resource.Metadata.Uid ?? string.Empty,
            Json.String(spec, "applicationProfileRef"),
            Json.String(spec, "networkProfileRef"),
            analyticsProfile,
            networkSecurityPolicy,
            Json.Strings(spec, "vsDatascriptRefs"),
            Json.String(spec, "loadBalancerIP")?.Trim(),
            backends,
            ignored.Distinct().ToEquatableArray(),
            resource.Status is { ValueKind: JsonValueKind.Object } status && Json.String(status, "status") is { } value
                ? new RuleStatus(value, Json.String(status, "error") ?? string.Empty)
                : null)
        {
            Generation = resource.Metadata.Generation ?? 0,
            DecidedGeneration = resource.Metadata.Annotations?.TryGetValue(RuleAdmission.Annotation, out var decided) == true &&
                                long.TryParse(decided, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
                ? generation
                : null,
        };
    }

    private static L4RuleBackend Backend(JsonElement backend, List<string> ignored)
    {
        if (Json.Bool(backend, "enabled") == false) ignored.Add("backendProperties[].enabled");
        if (backend.TryGetProperty("minServersUp", out _)) ignored.Add("backendProperties[].minServersUp");
        if (Json.Bool(Json.Object(backend, "analyticsPolicy"), "enableRealtimeMetrics") == true) ignored.Add("backendProperties[].analyticsPolicy");
        if (Json.String(backend, "sslKeyAndCertificateRef") is not null) ignored.Add("backendProperties[].sslKeyAndCertificateRef");
        if (!Json.Strings(backend, "healthMonitorCrdRefs").IsEmpty) ignored.Add("backendProperties[].healthMonitorCrdRefs");
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
            Json.String(backend, "sslKeyAndCertificateRef"));
    }

    private static IEnumerable<JsonElement> Items(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];
}
