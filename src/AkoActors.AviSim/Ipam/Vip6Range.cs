namespace AkoActors.AviSim.Ipam;

/// <summary>An inclusive IPv6 range <c>begin..end</c> (as 128-bit integers) of a network's static VIP pool: IPv6 VIPs are
/// ledgered apart from IPv4 ones, so the two families never share a key.</summary>
internal sealed record Vip6Range(UInt128 Begin, UInt128 End)
{
    public bool Contains(UInt128 address) => address >= Begin && address <= End;
}
