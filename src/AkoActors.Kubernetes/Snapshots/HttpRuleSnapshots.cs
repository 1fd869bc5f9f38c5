using System.Text.Json;
using AkoActors.Domain.Collections;
using AkoActors.Domain.HttpRules;
using AkoActors.Domain.Keys;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>HTTPRule custom resource → <see cref="HttpRuleSnapshot"/>; types were checked by the API server against the
/// CRD's schema, so odd values only come from a schema-less install and read as absent.</summary>
public static class HttpRuleSnapshots
{
    public static HttpRuleSnapshot From(CustomResource resource)
    {
        var spec = resource.Spec is { ValueKind: JsonValueKind.Object } s ? s : default;
        var paths = spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("paths", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object).Select(Path).ToEquatableArray()
            : EquatableArray<HttpRulePath>.Empty;
        return new HttpRuleSnapshot(
            new HttpRuleKey(resource.Metadata.NamespaceProperty ?? "default", resource.Metadata.Name),
            resource.Metadata.Uid ?? string.Empty,
            resource.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.MinValue,
            (Json.String(spec, "fqdn") ?? string.Empty).Trim().ToLowerInvariant(),
            paths,
            RuleResourceFields.Status(resource))
        {
            Generation = resource.Metadata.Generation ?? 0,
            DecidedGeneration = RuleResourceFields.DecidedGeneration(resource),
        };
    }

    private static HttpRulePath Path(JsonElement path)
    {
        var policy = Json.Object(path, "loadBalancerPolicy");
        var tls = Json.Object(path, "tls");
        return new HttpRulePath(
            Json.String(path, "target") ?? "/",
            Json.String(policy, "algorithm"),
            Json.String(policy, "hash"),
            Json.String(policy, "hostHeader"),
            Json.Strings(path, "healthMonitors"),
            Json.String(path, "applicationPersistence"),
            tls.ValueKind == JsonValueKind.Object ? new HttpRuleReencrypt(Json.String(tls, "sslProfile"), Json.String(tls, "pkiProfile"), Json.String(tls, "destinationCA")) : null,
            Json.Bool(path, "enableHTTP2"));
    }
}
