using System.Net;

namespace AkoActors.AviSim.Dns;

/// <summary>One A record the simulated DNS virtual service serves: an FQDN from a vsvip's <c>dns_info</c>
/// pointing at that vsvip's VIP, or at the VIP's floating IP when it has one.</summary>
/// <param name="Fqdn">Lower-case name without the trailing dot.</param>
/// <param name="Address">The VIP, or its floating IP.</param>
/// <param name="Ttl">Seconds, from <c>dns_info[].ttl</c> or the DNS profile.</param>
/// <param name="OwnerUuid">The vsvip that publishes it.</param>
/// <param name="Description"><c>tenant:vsvip-name</c>, as the controller describes the record.</param>
public sealed record DnsARecord(string Fqdn, IPAddress Address, int Ttl, string OwnerUuid, string Description);
