using System.Net;

namespace AkoActors.AviSim.Dns;

/// <summary>One address record the simulated DNS virtual service serves — A for an IPv4 address, AAAA for an IPv6 one: an
/// FQDN from a vsvip's <c>dns_info</c> pointing at that vsvip's VIP (or the VIP's floating IP when it has one), or at its
/// IPv6 VIP.</summary>
/// <param name="Fqdn">Lower-case name without the trailing dot.</param>
/// <param name="Address">The VIP, its floating IP, or its IPv6 VIP.</param>
/// <param name="Ttl">Seconds, from <c>dns_info[].ttl</c> or the DNS profile.</param>
/// <param name="OwnerUuid">The vsvip that publishes it.</param>
/// <param name="Description"><c>tenant:vsvip-name</c>, as the controller describes the record.</param>
public sealed record DnsAddressRecord(string Fqdn, IPAddress Address, int Ttl, string OwnerUuid, string Description)
{
    /// <summary>An AAAA record (IPv6), else an A record.</summary>
    public bool IsIpv6 => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
}
