using System.Text.Json;
using AkoActors.Domain.Routes;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Kubernetes.CniObjects;

/// <summary>Where a CNI keeps its pod CIDRs per node, and how AKO reads one object: Calico's BlockAffinity
/// (<c>crd.projectcalico.org/v1 blockaffinities</c>: <c>spec.node</c>, <c>spec.cidr</c>; a node has one per IP block)
/// and Cilium's CiliumNode (<c>cilium.io/v2 ciliumnodes</c>: named after the node, <c>spec.ipam.podCIDRs</c>).</summary>
public sealed record CniPodCidrSource(string CniPlugin, CustomResourceType Resource)
{
    public string Plural => Resource.Plural;

    public static CniPodCidrSource? For(string cniPlugin) => cniPlugin switch
    {
        CniPlugins.Calico => new(cniPlugin, new CustomResourceType("crd.projectcalico.org", "v1", "blockaffinities", "BlockAffinity")),
        CniPlugins.Cilium => new(cniPlugin, new CustomResourceType("cilium.io", "v2", "ciliumnodes", "CiliumNode")),
        _ => null,
    };

    /// <summary>The node an object assigns CIDRs to, and those CIDRs; null node when the object names none.</summary>
    public (string? Node, IReadOnlyList<string> Cidrs) Read(CustomResource item)
    {
        if (item.Spec is not { ValueKind: JsonValueKind.Object } spec) return (null, []);
        if (CniPlugin == CniPlugins.Calico)
        {
            var node = spec.TryGetProperty("node", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var cidr = spec.TryGetProperty("cidr", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return (node, string.IsNullOrEmpty(cidr) ? [] : [cidr]);
        }
        var cidrs = spec.TryGetProperty("ipam", out var ipam) && ipam.ValueKind == JsonValueKind.Object &&
                    ipam.TryGetProperty("podCIDRs", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        return (item.Metadata.Name, cidrs);
    }
}
