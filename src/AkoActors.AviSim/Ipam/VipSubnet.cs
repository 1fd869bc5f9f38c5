using System.Net;

namespace AkoActors.AviSim.Ipam;

/// <summary>One configured subnet of a network (IPv4 or IPv6) with the address ranges IPAM may hand out as VIPs.</summary>
internal sealed record VipSubnet(IPAddress Prefix, int Mask, IReadOnlyList<VipRange> Ranges)
{
    /// <summary>The IPv6 VIP ranges of an IPv6 subnet (<see cref="Ranges"/> holds IPv4 ranges only).</summary>
    public IReadOnlyList<Vip6Range> Ranges6 { get; init; } = [];

    public bool IsIPv6 => Prefix.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    public bool Matches(IPAddress prefix, int mask) => Mask == mask && Prefix.Equals(prefix);
}
