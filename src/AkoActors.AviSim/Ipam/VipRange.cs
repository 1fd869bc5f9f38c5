namespace AkoActors.AviSim.Ipam;

/// <summary>An inclusive IPv4 range <c>begin..end</c> (as integers) of a network's static VIP pool.</summary>
internal sealed record VipRange(uint Begin, uint End)
{
    public bool Contains(uint address) => address >= Begin && address <= End;
}
