using AkoActors.Domain.CustomResources;
using System.Text.Json;
using AkoActors.Domain.Collections;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.Keys;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>HostRule custom resource → <see cref="HostRuleSnapshot"/>; the API server has already checked types against the
/// CRD's schema, so odd values here only come from a schema-less install and read as absent.</summary>
public static class HostRuleSnapshots
{
    /// <summary>Fields AKO's CRD allows that this controller accepts but does not act on.</summary>
    private static readonly string[] NotActedOn = ["gslb", "tcpSettings", "l7Rule", "useRegex", "applicationRootPath"];

    public static HostRuleSnapshot From(CustomResource resource)
    {
        var host = resource.Spec is { ValueKind: JsonValueKind.Object } spec && spec.TryGetProperty("virtualhost", out var vh) && vh.ValueKind == JsonValueKind.Object
            ? vh
            : default;
        var tls = Object(host, "tls");
        var httpPolicy = Object(host, "httpPolicy");
        var analytics = Object(host, "analyticsPolicy");
        var logs = Object(analytics, "fullClientLogs");
        return new HostRuleSnapshot(
            new HostRuleKey(resource.Metadata.NamespaceProperty ?? "default", resource.Metadata.Name),
            resource.Metadata.Uid ?? string.Empty,
            resource.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.MinValue,
            (String(host, "fqdn") ?? string.Empty).Trim().ToLowerInvariant(),
            String(host, "fqdnType") switch
            {
                "Wildcard" => HostRuleFqdnType.Wildcard,
                "Contains" => HostRuleFqdnType.Contains,
                _ => HostRuleFqdnType.Exact,
            },
            Bool(host, "enableVirtualHost") ?? true,
            Certificate(tls, "sslKeyCertificate") is { } certificate
                ? new HostRuleTls(certificate, Certificate(Object(tls, "sslKeyCertificate"), "alternateCertificate"), String(tls, "sslProfile"), String(tls, "termination"))
                : null,
            Strings(httpPolicy, "policySets"),
            Bool(httpPolicy, "overwrite") ?? false,
            String(host, "wafPolicy"),
            String(host, "applicationProfile"),
            String(host, "analyticsProfile"),
            String(host, "errorPageProfile"),
            Strings(host, "icapProfile"),
            String(host, "networkSecurityPolicy"),
            Strings(host, "datascripts"),
            Strings(host, "aliases").Select(a => a.Trim().ToLowerInvariant()).ToEquatableArray(),
            analytics.ValueKind == JsonValueKind.Object
                ? new HostRuleAnalyticsPolicy(Bool(logs, "enabled") ?? false, String(logs, "throttle") ?? "HIGH",
                    logs.ValueKind == JsonValueKind.Object && logs.TryGetProperty("duration", out var d) && d.TryGetInt32(out var minutes) ? minutes : 0,
                    Bool(analytics, "logAllHeaders") ?? false)
                : null,
            NotActedOn.Where(field => host.ValueKind == JsonValueKind.Object && host.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
                .ToEquatableArray(),
            resource.Status is { ValueKind: JsonValueKind.Object } status && String(status, "status") is { } value
                ? new RuleStatus(value, String(status, "error") ?? string.Empty)
                : null)
        {
            Generation = resource.Metadata.Generation ?? 0,
            DecidedGeneration = resource.Metadata.Annotations?.TryGetValue(RuleAdmission.Annotation, out var decided) == true &&
                                long.TryParse(decided, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var generation)
                ? generation
                : null,
        };
    }

    private static CertificateSource? Certificate(JsonElement parent, string property) =>
        Object(parent, property) is { ValueKind: JsonValueKind.Object } certificate && String(certificate, "name") is { } name
            ? new CertificateSource(name, String(certificate, "type") == "secret")
            : null;

    private static JsonElement Object(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    private static string? String(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String &&
        value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static bool? Bool(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    private static EquatableArray<string> Strings(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Where(v => v.Length > 0).ToEquatableArray()
            : EquatableArray<string>.Empty;
}
