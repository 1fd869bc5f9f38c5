using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>A VIP object: one address from the VIP network's IPAM (or a preferred one) plus the FQDNs the Avi DNS serves for it.</summary>
/// <param name="PreferredIp">The address the user asked for; null = let IPAM choose.</param>
/// <param name="AllocatedIp">Read back from the controller; never part of what is asked for.</param>
public sealed record VsVipSpec(
    string Name,
    string NetworkName,
    string? SubnetCidr,
    string? PreferredIp,
    EquatableArray<string> Fqdns,
    string CloudName,
    string VrfName,
    AviObjectMeta Meta,
    string? AllocatedIp = null) : AviObjectSpec(Name)
{
    public override string Type => AviObjectTypes.VsVip;

    /// <summary>The VIP network's uuid when vipNetworkList names it by <c>networkUUID</c>: then the network is referred to
    /// and compared by uuid (what the controller reads back carries both).</summary>
    public string? NetworkUuid { get; init; }

    /// <summary>The BGP peers the VIP is advertised to (<c>bgp_peer_labels</c>, an AviInfraSetting's with RHI on); empty
    /// for all of them.</summary>
    public EquatableArray<string> BgpPeerLabels { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The NSX-T tier-1 router the VIP is placed on (<c>tier1_lr</c>, an AviInfraSetting's <c>nsxSettings.t1lr</c>);
    /// with it <see cref="VrfName"/> is empty: the controller takes the router's VRF, as AKO leaves the VRF out.</summary>
    public string? Tier1Lr { get; init; }

    /// <summary>Asks the controller for a public (floating) IP beside the VIP (<c>auto_allocate_floating_ip</c>): an
    /// AviInfraSetting's <c>network.enablePublicIP</c> on a public cloud.</summary>
    public bool AutoAllocateFloatingIp { get; init; }

    /// <summary>Read back: the floating IP the controller allocated beside the VIP; never part of what is asked for.</summary>
    public string? FloatingIp { get; init; }

    /// <summary>The address the Service's or Ingress's status shows: the floating IP when the controller allocated one (as
    /// AKO reports it instead of the VIP), else the VIP.</summary>
    public string? ShownAddress => FloatingIp ?? AllocatedIp;

    /// <summary>The families the VIP is allocated in (<c>auto_allocate_ip_type</c>); IPv4 only unless a Service asks IPv6 and
    /// its VIP network has a <c>v6cidr</c>.</summary>
    public VipIpType IpType { get; init; } = VipIpType.V4Only;

    /// <summary>The IPv6 subnet of the VIP network the IPv6 address comes from (<c>ipam_network_subnet.subnet6</c>, the
    /// network's <c>v6cidr</c>); null when no IPv6 address is asked for.</summary>
    public string? Subnet6Cidr { get; init; }

    /// <summary>Read back: the IPv6 VIP (<c>ip6_address</c>) the controller allocated; never part of what is asked for.</summary>
    public string? AllocatedIp6 { get; init; }

    /// <summary>Every address the Service's status lists, one ingress entry each, as AKO lists them: the floating IP when
    /// there is one, else the IPv4 VIP, then the IPv6 VIP.</summary>
    public IReadOnlyList<string> ShownAddresses =>
        FloatingIp is { } floating ? [floating] : new[] { AllocatedIp, AllocatedIp6 }.OfType<string>().ToList();

    /// <summary>Read back: every entry of the vsvip's <c>vip</c> list (empty on a spec that asks; see
    /// <see cref="EffectiveVips"/>).</summary>
    public EquatableArray<VsVipEntry> Vips { get; init; } = EquatableArray<VsVipEntry>.Empty;

    /// <summary>Asked for during a VIP network move: the <c>vip_id</c>s of entries on another network that stay beside the
    /// entry on <see cref="Network"/> (their addresses still shown by Ingresses), written back unchanged.</summary>
    public EquatableArray<string> KeptVipIds { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Asked for during a VIP network move: the <c>vip_id</c> of the entry already on <see cref="Network"/>, amended in
    /// place; null adds an entry under the next free id.</summary>
    public string? CurrentVipId { get; init; }

    /// <summary>A VIP wanted on another network is moved by adding an entry on it and later dropping the old one, not by
    /// deleting and re-creating the vsvip (a shared L7 VS, whose hosts must stay served).</summary>
    public bool MovesInPlace { get; init; }

    public override IEnumerable<AviRef> References => [];

    /// <summary>The entries, or, for a spec made without them, the one its network and address describe.</summary>
    public EquatableArray<VsVipEntry> EffectiveVips =>
        !Vips.IsEmpty ? Vips : new EquatableArray<VsVipEntry>([new VsVipEntry("0", Network, SubnetCidr, AllocatedIp) { FloatingIp = FloatingIp }]);

    /// <summary>Satisfied when an entry is on the wanted network and subnet and every other entry is one asked to be kept.</summary>
    public override bool IsSatisfiedBy(AviObjectSpec actual) =>
        actual is VsVipSpec vip &&
        Comparable(this) == Comparable(VrfName.Length == 0 ? vip with { VrfName = string.Empty } : vip) &&
        vip.EffectiveVips.Count(e => Network.IsSatisfiedBy(e.Network) && e.SubnetCidr == SubnetCidr) == 1 &&
        vip.EffectiveVips.Where(e => !Network.IsSatisfiedBy(e.Network)).Select(e => e.VipId).Order(StringComparer.Ordinal)
            .SequenceEqual(KeptVipIds.Order(StringComparer.Ordinal)) &&
        (PreferredIp is null || PreferredIp == AllocatedOfFamily(vip, PreferredIp));

    /// <summary>The VIP network as the settings name it (by uuid when given).</summary>
    public AviNetworkRef Network => new(NetworkName, NetworkUuid);

    private static VsVipSpec Comparable(VsVipSpec vip) =>
        vip with
        {
            AllocatedIp = null, AllocatedIp6 = null, FloatingIp = null, PreferredIp = null, NetworkUuid = null, NetworkName = string.Empty, SubnetCidr = null,
            Vips = EquatableArray<VsVipEntry>.Empty, KeptVipIds = EquatableArray<string>.Empty, CurrentVipId = null, MovesInPlace = false,
        };

    /// <summary>The controller refuses to move an existing VIP to another address ("please recreate the VIP"), and keeps
    /// an allocated address when a PUT names another IPAM network: a VIP wanted from another network (an AviInfraSetting
    /// attached, changed or detached) is made again to get an address there — unless it <see cref="MovesInPlace"/>. A VIP
    /// wanted on another tier-1 router (another routing domain: AKO leaves an existing vsvip on its router) is made again
    /// there, in place or not.</summary>
    public override bool RequiresReplacement(AviObjectSpec actual) =>
        actual is VsVipSpec vip && (vip.AllocatedIp ?? vip.AllocatedIp6) is not null &&
        ((PreferredIp is not null && AllocatedOfFamily(vip, PreferredIp) is { } held && PreferredIp != held) || (!MovesInPlace && !Network.IsSatisfiedBy(vip.Network)) ||
         Tier1Lr != vip.Tier1Lr);

    /// <summary>The address <paramref name="vip"/> holds in the family of <paramref name="address"/>.</summary>
    private static string? AllocatedOfFamily(VsVipSpec vip, string address) =>
        address.Contains(':', StringComparison.Ordinal) ? vip.AllocatedIp6 : vip.AllocatedIp;
}
