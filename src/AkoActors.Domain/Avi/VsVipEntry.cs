namespace AkoActors.Domain.Avi;

/// <summary>One entry of a vsvip's <c>vip</c> list as the controller holds it: its id, the IPAM network (and subnet) its
/// address was allocated from, and that address. A vsvip has one outside a VIP network move; during a move it has the old
/// entry and the new one side by side (<see cref="AkoActors.Domain.InfraSettings.VipNetworkMove"/>).</summary>
public sealed record VsVipEntry(string VipId, AviNetworkRef Network, string? SubnetCidr, string? Address);
