using System.Text.Json;
using AkoActors.Domain.Collections;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>The AviInfraSetting fields AKO's CRD allows that this controller accepts but does not act on, named in the
/// setting's <c>FieldsNotActedOn</c> Warning rather than dropped silently.</summary>
public static class AviInfraSettingFields
{
    public static EquatableArray<string> NotActedOn(JsonElement spec)
    {
        var network = Json.Object(spec, "network");
        var ignored = new List<string>();
        if (network.ValueKind == JsonValueKind.Object && network.TryGetProperty("vipNetworks", out var vips) && vips.ValueKind == JsonValueKind.Array &&
            vips.EnumerateArray().Any(v => Json.String(v, "v6cidr") is not null))
        {
            // LoadBalancer Services get IPv6 VIPs from it; the setting's shared L7 VSes keep IPv4 VIPs.
            ignored.Add("network.vipNetworks[].v6cidr (for Ingresses: LoadBalancer Services get IPv6 VIPs from it)");
        }
        return ignored.ToEquatableArray();
    }
}
