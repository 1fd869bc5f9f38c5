using System.Text.Json;
using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Kubernetes;

/// <summary>The three annotations AKO keeps on each Service and Ingress it serves — the host → VS uuid map, the controller
/// cluster's uuid and the tenant — because AMKO (VMware's multi-cluster GSLB operator) finds the virtual service of each
/// host through them; written here exactly as AKO writes them so AMKO keeps working after a move from AKO.</summary>
/// <remarks>AKO's rule for when to patch, kept: the host map (compared as a map, not as text) or the tenant differs; the
/// controller uuid alone never triggers a patch. An empty map means "remove all three", as AKO does when a Service or
/// Ingress stops being served.</remarks>
public sealed record AkoVsAnnotations(EquatableArray<HostVirtualService> Hosts, string ControllerClusterUuid, string Tenant)
{
    public const string HostMapKey = "ako.vmware.com/host-fqdn-vs-uuid-map";
    public const string ControllerClusterUuidKey = "ako.vmware.com/controller-cluster-uuid";
    public const string TenantKey = "ako.vmware.com/tenant-name";

    /// <summary>Nothing served: the annotations go.</summary>
    public bool IsRemoval => Hosts.IsEmpty;

    /// <summary>The map as AKO's Go <c>json.Marshal</c> writes it: keys sorted, no spaces.</summary>
    public string HostMapJson()
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Hosts) sorted[entry.Host] = entry.VirtualServiceUuid;
        return JsonSerializer.Serialize(sorted);
    }

    /// <summary>True when <paramref name="current"/> (an object's annotations) needs this patch, by AKO's rule.</summary>
    public bool DiffersFrom(LabelSet current)
    {
        if (!current.TryGetValue(HostMapKey, out var mapText)) return !IsRemoval || current.ContainsKey(TenantKey) || current.ContainsKey(ControllerClusterUuidKey);
        if (IsRemoval) return true;
        if (ParseHostMap(mapText) is not { } map || map.Count != Hosts.Count) return true;
        if (Hosts.Any(h => !map.TryGetValue(h.Host, out var uuid) || uuid != h.VirtualServiceUuid)) return true;
        return current.GetValueOrDefault(TenantKey) != Tenant;
    }

    /// <summary>The uuids of the VSes an object's host map says serve its hosts; none when it has no map or an unreadable one.</summary>
    public static IReadOnlySet<string> ServingUuids(LabelSet annotations) =>
        annotations.TryGetValue(HostMapKey, out var mapText) && ParseHostMap(mapText) is { } map
            ? map.Values.ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    private static Dictionary<string, string>? ParseHostMap(string mapText)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(mapText);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
