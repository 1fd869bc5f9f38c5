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
        var tls = Json.Object(host, "tls");
        var httpPolicy = Json.Object(host, "httpPolicy");
        var analytics = Json.Object(host, "analyticsPolicy");
        var logs = Json.Object(analytics, "fullClientLogs");
        return new HostRuleSnapshot(
            new HostRuleKey(resource.Metadata.NamespaceProperty ?? "default", resource.Metadata.Name),
            resource.Metadata.Uid ?? string.Empty,
            resource.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.MinValue,
            (Json.String(host, "fqdn") ?? string.Empty).Trim().ToLowerInvariant(),
            Json.String(host, "fqdnType") switch
            {
                "Wildcard" => HostRuleFqdnType.Wildcard,
                "Contains" => HostRuleFqdnType.Contains,
                _ => HostRuleFqdnType.Exact,
            },
            Json.Bool(host, "enableVirtualHost") ?? true,
            Certificate(tls, "sslKeyCertificate") is { } certificate
                ? new HostRuleTls(certificate, Certificate(Json.Object(tls, "sslKeyCertificate"), "alternateCertificate"), Json.String(tls, "sslProfile"), Json.String(tls, "termination"))
                : null,
            Json.Strings(httpPolicy, "policySets"),
            Json.Bool(httpPolicy, "overwrite") ?? false,
            Json.String(host, "wafPolicy"),
            Json.String(host, "applicationProfile"),
            Json.String(host, "analyticsProfile"),
            Json.String(host, "errorPageProfile"),
            Json.Strings(host, "icapProfile"),
            Json.String(host, "networkSecurityPolicy"),
            Json.Strings(host, "datascripts"),
            Json.Strings(host, "aliases").Select(a => a.Trim().ToLowerInvariant()).ToEquatableArray(),
            analytics.ValueKind == JsonValueKind.Object
                ? new HostRuleAnalyticsPolicy(Json.Bool(logs, "enabled") ?? false, Json.String(logs, "throttle") ?? "HIGH",
                    logs.ValueKind == JsonValueKind.Object && logs.TryGetProperty("duration", out var d) && d.TryGetInt32(out var minutes) ? minutes : 0,
                    Json.Bool(analytics, "logAllHeaders") ?? false)
                : null,
            NotActedOn.Where(field => host.ValueKind == JsonValueKind.Object && host.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
                .ToEquatableArray(),
            RuleResourceFields.Status(resource))
        {
            Generation = resource.Metadata.Generation ?? 0,
            DecidedGeneration = RuleResourceFields.DecidedGeneration(resource),
        };
    }

    private static CertificateSource? Certificate(JsonElement parent, string property) =>
        Json.Object(parent, property) is { ValueKind: JsonValueKind.Object } certificate && Json.String(certificate, "name") is { } name
            ? new CertificateSource(name, Json.String(certificate, "type") == "secret")
            : null;
}
