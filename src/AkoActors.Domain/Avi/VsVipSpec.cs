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

    public override IEnumerable<AviRef> References => [];

    public override bool IsSatisfiedBy(AviObjectSpec actual) =>
        actual is VsVipSpec vip &&
        this with { AllocatedIp = null, PreferredIp = null } == vip with { AllocatedIp = null, PreferredIp = null } &&
        (PreferredIp is null || PreferredIp == vip.AllocatedIp);

    /// <summary>The controller refuses to move an existing VIP to another address ("please recreate the VIP").</summary>
    public override bool RequiresReplacement(AviObjectSpec actual) =>
        actual is VsVipSpec vip && PreferredIp is not null && vip.AllocatedIp is not null && PreferredIp != vip.AllocatedIp;
}
