using AkoActors.Domain.Avi;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Translation;

/// <summary>Pool servers in NodePort mode: <c>&lt;node InternalIP&gt;:&lt;nodePort&gt;</c> for every node the nodePortSelector picks.</summary>
/// <remarks>With externalTrafficPolicy Local a node without a ready endpoint drops the traffic, so only nodes hosting one are used.</remarks>
public static class NodePortServers
{
    public static List<PoolServer> ForPort(
        int nodePort, bool externalTrafficPolicyLocal, IEnumerable<NodeSnapshot> nodes,
        IEnumerable<EndpointSliceSnapshot> slices, LabelSelectorPair nodeSelector)
    {
        HashSet<string>? hosting = null;
        if (externalTrafficPolicyLocal)
        {
            hosting = slices.SelectMany(s => s.Endpoints)
                .Where(e => e.Ready && !e.Terminating && e.NodeName is not null)
                .Select(e => e.NodeName!)
                .ToHashSet(StringComparer.Ordinal);
        }
        var servers = nodes
            .Where(n => nodeSelector.Matches(n.Labels))
            .Where(n => hosting is null || hosting.Contains(n.Key.Name))
            .Select(n => n.InternalIps.FirstOrDefault())
            .Where(ip => ip is not null)
            .Distinct(StringComparer.Ordinal)
            .Select(ip => new PoolServer(ip!, nodePort, true));
        return EndpointServers.Sorted(servers);
    }
}
