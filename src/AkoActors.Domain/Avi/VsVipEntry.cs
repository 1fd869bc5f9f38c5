namespace AkoActors.Domain.Avi;

/// <summary>One entry of a vsvip's <c>vip</c> list as the controller holds it: its id, the IPAM network (and subnet) its
/// address was allocated from, and that address. A vsvip has one outside a VIP network move; during a move it has the old
/// entry and the new one side by side (<see cref="AkoActors.Domain.InfraSettings.VipNetworkMove"/>).</summary>
public sealed record VsVipEntry(string VipId, AviNetworkRef Network, string? SubnetCidr, string? Address)
{
    /// <summary>The public address a public cloud's controller allocated beside <see cref="Address"/>
    /// (<c>floating_ip</c>, asked for with <c>auto_allocate_floating_ip</c>); null when none.</summary>
    public string? FloatingIp { get; init; }

    /// <summary>The subnet the entry names by <c>subnet_uuid</c> (AKO's entries on AWS, Azure and OpenStack), null for an
    /// entry placed by <c>ipam_network_subnet</c>.</summary>
    public string? SubnetUuid { get; init; }

    /// <summary>The IPv6 VIP of this entry (<c>ip6_address</c>, with <c>auto_allocate_ip_type</c> V6_ONLY or V4_V6); null when
    /// none was allocated.</summary>
    public string? Address6 { get; init; }

    /// <summary>The families this entry is allocated in (its own <c>auto_allocate_ip_type</c>): during a move the old entry keeps
    /// its type while the new one is asked in the type the new network allows.</summary>
    public VipIpType IpType { get; init; } = VipIpType.V4Only;

    /// <summary>The IPv6 subnet this entry asks its IPv6 VIP from (<c>ipam_network_subnet.subnet6</c>); null when none.</summary>
    public string? Subnet6Cidr { get; init; }

    /// <summary>Every address a status shows for this entry: its floating IP when there is one, else its IPv4 VIP, then its
    /// IPv6 VIP.</summary>
    public IReadOnlyList<string> ShownAddresses =>
        FloatingIp is { } floating ? [floating] : new[] { Address, Address6 }.OfType<string>().ToList();

    /// <summary>The address a Service or Ingress status shows first for this entry: the floating IP when there is one (AKO then
    /// reports the floating IPs instead of the VIPs), else the IPv4 VIP, else (a V6_ONLY entry) the IPv6 VIP.</summary>
    public string? ShownAddress => FloatingIp ?? Address ?? Address6;

    /// <summary>Whether the controller allocated this entry a VIP of either family: an entry serves (and a VIP network move
    /// waits for it, or keeps it) by its IPv4 or its IPv6 address alike.</summary>
    public bool IsAllocated => Address is not null || Address6 is not null;
}
