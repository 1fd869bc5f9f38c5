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

    /// <summary>AKO's VIPs on AWS, Azure and OpenStack: one <c>vip</c> entry per VIP network, each naming its subnet by
    /// <c>subnet_uuid</c> instead of <c>ipam_network_subnet</c>, in this order; empty elsewhere (one IPAM entry on
    /// <see cref="Network"/>).</summary>
    public EquatableArray<string> SubnetVips { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Every address the status shows, one ingress entry each, as AKO reports a vsvip: the floating IPs when the
    /// controller allocated any, else every entry's IPv4 VIP (one per VIP network on AWS, Azure and OpenStack), then every
    /// entry's IPv6 VIP.</summary>
    public IReadOnlyList<string> ShownAddresses
    {
        get
        {
            var entries = EffectiveVips;
            var floating = entries.Select(e => e.FloatingIp).OfType<string>().ToList();
            if (floating.Count > 0) return floating;
            // AKO (rest/avi_obj_vs.go): every entry's IPv4 VIP, then every entry's IPv6 VIP.
            return entries.Select(e => e.Address).Concat(entries.Select(e => e.Address6)).OfType<string>().ToList();
        }
    }

    public override IEnumerable<AviRef> References => [];

    /// <summary>The entries, or, for a spec made without them, the one its network and address describe.</summary>
    public EquatableArray<VsVipEntry> EffectiveVips =>
        !Vips.IsEmpty ? Vips : new EquatableArray<VsVipEntry>([new VsVipEntry("0", Network, SubnetCidr, AllocatedIp) { FloatingIp = FloatingIp, Address6 = AllocatedIp6, IpType = IpType, Subnet6Cidr = Subnet6Cidr }]);

    /// <summary>Satisfied when an entry is on the wanted network and subnet and every other entry is one asked to be kept.</summary>
    public override bool IsSatisfiedBy(AviObjectSpec actual) =>
        actual is VsVipSpec vip &&
        Comparable(this) == Comparable(VrfName.Length == 0 ? vip with { VrfName = string.Empty } : vip) &&
        (!SubnetVips.IsEmpty
            ? vip.EffectiveVips.Select(e => e.SubnetUuid).SequenceEqual(SubnetVips) && (PreferredIp is null || PreferredIp == vip.AllocatedIp) &&
              (IpType, Subnet6Cidr) == (vip.IpType, vip.Subnet6Cidr)
            : IsSatisfiedOnNetwork(vip));

    /// <summary>The families and the IPv6 subnet are the entry's on the wanted network (the first entry, which the spec's own
    /// fields read back, is the old one during a move).</summary>
    private bool IsSatisfiedOnNetwork(VsVipSpec vip) =>
        vip.EffectiveVips.Count(e => Network.IsSatisfiedBy(e.Network) && e.SubnetCidr == SubnetCidr && e.IpType == IpType && e.Subnet6Cidr == Subnet6Cidr) == 1 &&
        vip.EffectiveVips.Where(e => !Network.IsSatisfiedBy(e.Network)).Select(e => e.VipId).Order(StringComparer.Ordinal)
            .SequenceEqual(KeptVipIds.Order(StringComparer.Ordinal)) &&
        (PreferredIp is null || PreferredIp == AllocatedOfFamily(vip, PreferredIp));

    /// <summary>The VIP network as the settings name it (by uuid when given).</summary>
    public AviNetworkRef Network => new(NetworkName, NetworkUuid);

    private static VsVipSpec Comparable(VsVipSpec vip) =>
        vip with
        {
            AllocatedIp = null, AllocatedIp6 = null, FloatingIp = null, PreferredIp = null, NetworkUuid = null, NetworkName = string.Empty, SubnetCidr = null,
            IpType = VipIpType.V4Only, Subnet6Cidr = null,
            Vips = EquatableArray<VsVipEntry>.Empty, SubnetVips = EquatableArray<string>.Empty, KeptVipIds = EquatableArray<string>.Empty, CurrentVipId = null, MovesInPlace = false,
        };

    /// <summary>The controller refuses to move an existing VIP to another address ("please recreate the VIP"), and keeps
    /// an allocated address when a PUT names another IPAM network: a VIP wanted from another network (an AviInfraSetting
    /// attached, changed or detached) is made again to get an address there — unless it <see cref="MovesInPlace"/>. A VIP
    /// wanted on another tier-1 router (another routing domain: AKO leaves an existing vsvip on its router) is made again
    /// there, in place or not. With <see cref="SubnetVips"/> each VIP network is an entry of its own, added and dropped in
    /// place.</summary>
    public override bool RequiresReplacement(AviObjectSpec actual) =>
        actual is VsVipSpec vip && (vip.AllocatedIp ?? vip.AllocatedIp6) is not null &&
        ((PreferredIp is not null && AllocatedOfFamily(vip, PreferredIp) is { } held && PreferredIp != held) ||
         (!MovesInPlace && SubnetVips.IsEmpty && !Network.IsSatisfiedBy(vip.Network)) ||
         Tier1Lr != vip.Tier1Lr);

    /// <summary>The address <paramref name="vip"/> holds in the family of <paramref name="address"/>.</summary>
    private static string? AllocatedOfFamily(VsVipSpec vip, string address) =>
        address.Contains(':', StringComparison.Ordinal) ? vip.AllocatedIp6 : vip.AllocatedIp;
}
