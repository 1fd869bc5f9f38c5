using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Domain.InfraSettings;

/// <summary>Moves a shared L7 VS's VIP to another network make-before-break, in the vsvip itself: the controller keeps an
/// allocated address on a PUT naming another network, and deleting the vsvip would take every host of the VS down, so the
/// vsvip gets a second <c>vip</c> entry on the new network (the controller allocates its address from that network), the
/// Ingresses are told the new address, and only once each of them shows it is the old entry dropped (its address released).
/// Decided from what the controller holds alone, so an owner started mid-move (restart, failover) finishes the same move. An
/// entry counts by its VIP of either family (<see cref="VsVipEntry.IsAllocated"/>): a V6_ONLY VIP moves as an IPv4 one does.</summary>
public static class VipNetworkMove
{
    /// <summary>The vsvip to ask for, given the one the translation wants (on the setting's current network) and the one the
    /// controller holds: unchanged when there is nothing to move; with every addressed entry of another network kept while
    /// the entry on the wanted network has no address yet, or while <paramref name="shownEverywhere"/> says the Ingresses do
    /// not all show that entry's addresses; with them dropped once they do.</summary>
    /// <param name="shownEverywhere">Whether every Ingress with hosts on this VS shows exactly the given addresses (and no other
    /// of this VS) in its status.</param>
    public static VsVipSpec Place(VsVipSpec wanted, VsVipSpec? actual, Func<IReadOnlyList<string>, bool> shownEverywhere)
    {
        wanted = wanted with { MovesInPlace = true, KeptVipIds = EquatableArray<string>.Empty, CurrentVipId = null };
        if (actual is null) return wanted;
        var serving = OnNetwork(wanted.Network, actual);
        wanted = wanted with { CurrentVipId = actual.EffectiveVips.FirstOrDefault(e => wanted.Network.IsSatisfiedBy(e.Network))?.VipId };
        var elsewhere = actual.EffectiveVips
            .Where(e => e.IsAllocated && !wanted.Network.IsSatisfiedBy(e.Network))
            .Select(e => e.VipId)
            .ToEquatableArray();
        if (elsewhere.IsEmpty) return wanted;
        return serving is not null && shownEverywhere(serving.ShownAddresses) ? wanted : wanted with { KeptVipIds = elsewhere };
    }

    /// <summary>Every address the VS's Ingresses are to show: all the vsvip shows (<see cref="VsVipSpec.ShownAddresses"/>)
    /// outside a move; during one, those of the entry on the wanted network once it has an address, else those of the entry it
    /// still serves from on the network it is leaving (an Ingress never shows an address not yet allocated, nor old and new
    /// together). With one entry per network (AWS, Azure, OpenStack) there is no move: entries are added and dropped in place.</summary>
    public static IReadOnlyList<string> ServingAddresses(VsVipSpec wanted, VsVipSpec? actual)
    {
        if (actual is null) return [];
        if (!wanted.SubnetVips.IsEmpty || !IsMoving(wanted.Network, actual)) return actual.ShownAddresses;
        return (OnNetwork(wanted.Network, actual) ?? actual.EffectiveVips.FirstOrDefault(e => e.ShownAddress is not null))?.ShownAddresses ?? [];
    }

    /// <summary>The address the VS's Ingresses are to show: the entry's on the wanted network once it has one, else the
    /// address the vsvip still serves from the network it is leaving (an Ingress never shows an address not yet allocated).</summary>
    public static string? ServingAddress(AviNetworkRef wanted, VsVipSpec? actual) =>
        actual is null ? null : OnNetwork(wanted, actual)?.ShownAddress ?? actual.EffectiveVips.Select(e => e.ShownAddress).FirstOrDefault(a => a is not null);

    /// <summary>True while the vsvip holds an addressed entry off the wanted network (a move not finished).</summary>
    public static bool IsMoving(AviNetworkRef wanted, VsVipSpec? actual) =>
        actual is not null && actual.EffectiveVips.Any(e => e.IsAllocated && !wanted.IsSatisfiedBy(e.Network));

    private static VsVipEntry? OnNetwork(AviNetworkRef wanted, VsVipSpec actual) =>
        actual.EffectiveVips.FirstOrDefault(e => wanted.IsSatisfiedBy(e.Network) && e.IsAllocated);
}
