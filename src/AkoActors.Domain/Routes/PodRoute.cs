using System.Net;
using AkoActors.Domain.Networking;

namespace AkoActors.Domain.Routes;

/// <summary>One static route a node needs so Service Engines reach its pods: pod CIDR → the node's address of that family.</summary>
public sealed record PodRoute(IpCidr Prefix, IPAddress NextHop)
{
    /// <summary>Parses the wire form used in cross-replica messages; null when either part is not an address of the prefix's family.</summary>
    public static PodRoute? TryParse(string prefix, string nextHop) =>
        IpCidr.TryParse(prefix, out var cidr, out _) && IPAddress.TryParse(nextHop, out var hop) && hop.AddressFamily == cidr.Network.AddressFamily
            ? new PodRoute(cidr, hop)
            : null;

    public override string ToString() => $"{Prefix} via {NextHop}";
}
