using System.Globalization;
using System.Text.Json;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Settings;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>AviInfraSetting custom resource → <see cref="AviInfraSettingSnapshot"/>; types were checked by the API server
/// against the CRD's schema, so odd values only come from a schema-less install and read as absent.</summary>
public static class AviInfraSettingSnapshots
{
    public static AviInfraSettingSnapshot From(CustomResource resource)
    {
        var spec = resource.Spec is { ValueKind: JsonValueKind.Object } s ? s : default;
        var network = Json.Object(spec, "network");
        return new AviInfraSettingSnapshot(
            new AviInfraSettingKey(resource.Metadata.Name),
            resource.Metadata.Uid ?? string.Empty,
            resource.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.MinValue,
            SeGroupName(Json.Object(spec, "seGroup")),
            Objects(network, "vipNetworks").Select(n => new VipNetwork(
                Json.String(n, "networkName") ?? string.Empty, Json.String(n, "cidr"), Json.String(n, "v6cidr"), Json.String(n, "networkUUID"))).ToEquatableArray(),
            Objects(network, "nodeNetworks").Select(n => new NodeNetwork(
                Json.String(n, "networkName") ?? string.Empty, Json.Strings(n, "cidrs"), Json.String(n, "networkUUID"))).ToEquatableArray(),
            Json.Bool(network, "enableRhi"),
            Json.Strings(network, "bgpPeerLabels"),
            Objects(network, "listeners").Select(l => new InfraListener(
                l.TryGetProperty("port", out var port) && port.TryGetInt32(out var number) ? number : 0,
                Json.Bool(l, "enableSSL") == true,
                Json.Bool(l, "enableHTTP2") == true)).ToEquatableArray(),
            Json.String(Json.Object(spec, "l7Settings"), "shardSize"),
            resource.Status is { ValueKind: JsonValueKind.Object } status && Json.String(status, "status") is { } value
                ? new RuleStatus(value, Json.String(status, "error") ?? string.Empty)
                : null)
        {
            EnablePublicIp = Json.Bool(network, "enablePublicIP"),
            T1Lr = Json.String(Json.Object(spec, "nsxSettings"), "t1lr") is { Length: > 0 } t1lr ? t1lr : null,
            Generation = resource.Metadata.Generation ?? 0,
            DecidedGeneration = resource.Metadata.Annotations?.TryGetValue(RuleAdmission.Annotation, out var decided) == true &&
                                long.TryParse(decided, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
                ? generation
                : null,
        };
    }

    /// <summary>A given <c>seGroup</c> keeps its name even when empty, so the setting is Rejected for it; an absent one
    /// (null) keeps the controller's own SE group.</summary>
    private static string? SeGroupName(JsonElement seGroup) =>
        seGroup.ValueKind != JsonValueKind.Object ? null
        : seGroup.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()
        : string.Empty;

    private static IEnumerable<JsonElement> Objects(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];
}
