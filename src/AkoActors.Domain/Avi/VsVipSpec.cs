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

    public override IEnumerable<AviRef> References => [];

    public override bool IsSatisfiedBy(AviObjectSpec actual) =>
        actual is VsVipSpec vip &&
        Comparable(this) == Comparable(vip) &&
        Network.IsSatisfiedBy(vip.Network) &&
        (PreferredIp is null || PreferredIp == vip.AllocatedIp);

    /// <summary>The VIP network as the settings name it (by uuid when given).</summary>
    public AviNetworkRef Network => new(NetworkName, NetworkUuid);

    private static VsVipSpec Comparable(VsVipSpec vip) =>
        vip with { AllocatedIp = null, PreferredIp = null, NetworkUuid = null, NetworkName = string.Empty };

    /// <summary>The controller refuses to move an existing VIP to another address ("please recreate the VIP"), and keeps
    /// an allocated address when a PUT names another IPAM network: a VIP wanted from another network (an AviInfraSetting
    /// attached, changed or detached) is made again to get an address there.</summary>
    public override bool RequiresReplacement(AviObjectSpec actual) =>
        actual is VsVipSpec vip && vip.AllocatedIp is not null &&
        ((PreferredIp is not null && PreferredIp != vip.AllocatedIp) || !Network.IsSatisfiedBy(vip.Network));
}
