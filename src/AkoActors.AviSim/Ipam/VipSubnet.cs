using System.Net;

namespace AkoActors.AviSim.Ipam;

/// <summary>One configured subnet of a network with the address ranges IPAM may hand out as VIPs.</summary>
internal sealed record VipSubnet(IPAddress Prefix, int Mask, IReadOnlyList<VipRange> Ranges)
{
    public bool Matches(IPAddress prefix, int mask) => Mask == mask && Prefix.Equals(prefix);
}
