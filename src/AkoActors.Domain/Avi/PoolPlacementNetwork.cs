using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Avi;

/// <summary>One entry of a pool's <c>placement_networks</c>: the network and subnet on which Service Engines reach the
/// pool's servers. AKO writes one per CIDR of each <c>nodeNetworkList</c> entry, so that two clusters with overlapping pod
/// CIDRs on one SE group get each pool placed behind its own cluster's nodes.</summary>
/// <param name="Subnet">The prefix in CIDR notation, at its network address (as AKO writes it).</param>
public sealed record PoolPlacementNetwork(AviNetworkRef Network, string Subnet)
{
    /// <summary>True when <paramref name="actual"/> names the same network (by uuid or by name, as the setting does) and subnet.</summary>
    public bool IsSatisfiedBy(PoolPlacementNetwork actual) => Subnet == actual.Subnet && Network.IsSatisfiedBy(actual.Network);

    /// <summary>AKO's placement networks for <paramref name="nodeNetworks"/>: one per CIDR, entries keyed by uuid when given,
    /// else by name, a later entry with the same key replacing an earlier one (AKO keeps them in a map).</summary>
    public static EquatableArray<PoolPlacementNetwork> From(IEnumerable<NodeNetwork> nodeNetworks)
    {
        var byKey = new Dictionary<string, NodeNetwork>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var network in nodeNetworks)
        {
            var key = network.NetworkUuid ?? network.NetworkName;
            if (!byKey.ContainsKey(key)) order.Add(key);
            byKey[key] = network;
        }
        return order
            .SelectMany(key => byKey[key].Cidrs.Select(cidr => new PoolPlacementNetwork(byKey[key].Network, cidr)))
            .ToEquatableArray();
    }

    /// <summary>True when both lists hold the same entries in any order: AKO writes its networks in Go map order, which
    /// changes from one run to the next, so order says nothing.</summary>
    public static bool SetSatisfiedBy(EquatableArray<PoolPlacementNetwork> desired, EquatableArray<PoolPlacementNetwork> actual)
    {
        if (desired.Count != actual.Count) return false;
        var unmatched = actual.ToList();
        foreach (var wanted in desired)
        {
            var index = unmatched.FindIndex(wanted.IsSatisfiedBy);
            if (index < 0) return false;
            unmatched.RemoveAt(index);
        }
        return true;
    }
}
