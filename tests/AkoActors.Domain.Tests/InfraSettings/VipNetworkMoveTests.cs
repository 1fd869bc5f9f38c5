using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Diff;
using AkoActors.Domain.InfraSettings;

namespace AkoActors.Domain.Tests.InfraSettings;

/// <summary>A shared L7 VS's VIP moved to the AviInfraSetting's new VIP network make-before-break, in the vsvip: a second
/// <c>vip</c> entry on the new network while the Ingresses still show the old address, the old entry dropped once they all
/// show the new one. Decided only from the vsvip the controller holds and the Ingresses' statuses, so an owner that starts
/// mid-move (restart, failover) finishes it.</summary>
public class VipNetworkMoveTests
{
    private static readonly AviNetworkRef Old = new("infra-vip", null);
    private static readonly AviNetworkRef New = new("moved-vip", null);

    private static VsVipSpec Wanted(AviNetworkRef network, string cidr) =>
        new("c1--Shared-L7-slice-0", network.Name, cidr, null, EquatableArray<string>.Empty, "Default-Cloud", "global", AviObjectMeta.None);

    private static VsVipSpec Held(params VsVipEntry[] entries) =>
        Wanted(entries[0].Network, entries[0].SubnetCidr!) with { AllocatedIp = entries[0].Address, Vips = entries.ToEquatableArray() };

    private static readonly VsVipEntry OldEntry = new("0", Old, "172.16.252.0/24", "172.16.252.1");
    private static readonly VsVipEntry NewEntry = new("1", New, "172.16.253.0/24", "172.16.253.1");

    private static readonly Func<IReadOnlyList<string>, bool> NobodyShowsIt = _ => false;
    private static readonly Func<IReadOnlyList<string>, bool> EveryoneShowsIt = _ => true;

    [Fact]
    public void A_vsvip_on_the_wanted_network_is_asked_for_as_it_is()
    {
        var placed = VipNetworkMove.Place(Wanted(Old, "172.16.252.0/24"), Held(OldEntry), NobodyShowsIt);

        Assert.True(placed.MovesInPlace);
        Assert.Equal("0", placed.CurrentVipId);
        Assert.Empty(placed.KeptVipIds);
        Assert.True(placed.IsSatisfiedBy(Held(OldEntry)));
        Assert.Equal("172.16.252.1", VipNetworkMove.ServingAddress(Old, Held(OldEntry)));
    }

    [Fact]
    public void A_new_network_adds_an_entry_beside_the_old_one_and_the_old_address_is_still_the_one_shown()
    {
        var placed = VipNetworkMove.Place(Wanted(New, "172.16.253.0/24"), Held(OldEntry), EveryoneShowsIt);

        Assert.Null(placed.CurrentVipId);
        Assert.Equal(["0"], placed.KeptVipIds);
        Assert.False(placed.IsSatisfiedBy(Held(OldEntry)));
        // Never delete and re-create: the hosts of the VS are served from the old address until the new one exists.
        Assert.False(placed.RequiresReplacement(Held(OldEntry)));
        Assert.Equal("172.16.252.1", VipNetworkMove.ServingAddress(New, Held(OldEntry)));
        Assert.True(VipNetworkMove.IsMoving(New, Held(OldEntry)));
    }

    [Fact]
    public void With_both_entries_allocated_the_new_address_is_shown_and_the_old_entry_stays_until_every_ingress_shows_it()
    {
        var held = Held(OldEntry, NewEntry);
        var asked = new List<string>();

        var placed = VipNetworkMove.Place(Wanted(New, "172.16.253.0/24"), held, addresses =>
        {
            asked.AddRange(addresses);
            return false;
        });

        Assert.Equal("172.16.253.1", VipNetworkMove.ServingAddress(New, held));
        Assert.Equal(["172.16.253.1"], asked);
        Assert.Equal("1", placed.CurrentVipId);
        Assert.Equal(["0"], placed.KeptVipIds);
        Assert.True(placed.IsSatisfiedBy(held), "nothing to write while the statuses still show the old address");
    }

    [Fact]
    public void Once_every_ingress_shows_the_new_address_the_old_entry_is_dropped()
    {
        var held = Held(OldEntry, NewEntry);

        var placed = VipNetworkMove.Place(Wanted(New, "172.16.253.0/24"), held, addresses => addresses.SequenceEqual(["172.16.253.1"]));

        Assert.Equal("1", placed.CurrentVipId);
        Assert.Empty(placed.KeptVipIds);
        Assert.False(placed.IsSatisfiedBy(held));
        Assert.True(placed.IsSatisfiedBy(Held(NewEntry)));
        Assert.False(VipNetworkMove.IsMoving(New, Held(NewEntry)));
    }

    [Fact]
    public void A_move_found_half_done_after_a_restart_converges_on_the_settings_current_network_whichever_entry_is_first()
    {
        // The setting went back to the old network mid-move: the entry on it is current, the other one is kept until the
        // Ingresses show the old address again, then dropped.
        var held = Held(OldEntry, NewEntry);

        var waiting = VipNetworkMove.Place(Wanted(Old, "172.16.252.0/24"), held, addresses => addresses.SequenceEqual(["172.16.253.1"]));
        var done = VipNetworkMove.Place(Wanted(Old, "172.16.252.0/24"), held, addresses => addresses.SequenceEqual(["172.16.252.1"]));

        Assert.Equal("172.16.252.1", VipNetworkMove.ServingAddress(Old, held));
        Assert.Equal("0", waiting.CurrentVipId);
        Assert.Equal(["1"], waiting.KeptVipIds);
        Assert.Equal("0", done.CurrentVipId);
        Assert.Empty(done.KeptVipIds);
        Assert.True(done.IsSatisfiedBy(Held(OldEntry)));
    }

    [Fact]
    public void A_third_network_mid_move_keeps_every_allocated_entry_until_its_own_address_is_shown()
    {
        var third = new AviNetworkRef("third-vip", null);
        var held = Held(OldEntry, NewEntry);

        var placed = VipNetworkMove.Place(Wanted(third, "172.16.254.0/24"), held, EveryoneShowsIt);

        Assert.Null(placed.CurrentVipId);
        Assert.Equal(["0", "1"], placed.KeptVipIds);
        Assert.Equal("172.16.252.1", VipNetworkMove.ServingAddress(third, held));
    }

    [Fact]
    public void A_vsvip_not_on_the_controller_yet_is_asked_for_with_one_entry()
    {
        var placed = VipNetworkMove.Place(Wanted(New, "172.16.253.0/24"), null, EveryoneShowsIt);

        Assert.Equal((true, null, 0), (placed.MovesInPlace, placed.CurrentVipId, placed.KeptVipIds.Count));
        Assert.Null(VipNetworkMove.ServingAddress(New, null));
    }

    [Fact]
    public void The_diff_updates_a_moving_vsvip_in_place_where_one_not_moving_in_place_is_deleted_and_created()
    {
        var held = new AviObjectState(Held(OldEntry), "vsvip-1", "1");
        var wanted = Wanted(New, "172.16.253.0/24");

        var moved = AviTreeDiff.Plan([VipNetworkMove.Place(wanted, (VsVipSpec)held.Spec, EveryoneShowsIt)], [held]);
        var replaced = AviTreeDiff.Plan([wanted], [held]);

        Assert.Equal(["UpdateOperation"], moved.Waves.SelectMany(w => w).Select(o => o.GetType().Name));
        Assert.Equal(["DeleteOperation", "CreateOperation"], replaced.Waves.SelectMany(w => w).Select(o => o.GetType().Name));
    }

    [Fact]
    public void With_floating_ips_the_ingresses_are_told_the_new_entrys_floating_ip_and_the_old_entry_goes_once_they_show_it()
    {
        var held = Held(OldEntry with { FloatingIp = "198.51.100.1" }, NewEntry with { FloatingIp = "198.51.100.2" });
        var asked = new List<string>();

        var placed = VipNetworkMove.Place(Wanted(New, "172.16.253.0/24"), held, addresses => { asked.AddRange(addresses); return true; });

        // A status on a public cloud shows the floating IP (AKO reports it instead of the VIP): that is what is awaited.
        Assert.Equal(["198.51.100.2"], asked);
        Assert.Empty(placed.KeptVipIds);
        Assert.Equal("198.51.100.2", VipNetworkMove.ServingAddress(New, held));
    }

    [Fact]
    public void A_dual_stack_entry_is_shown_with_both_addresses_and_a_move_waits_for_both_then_shows_only_the_new_entrys()
    {
        var dualOld = OldEntry with { Address6 = "2001:db8:252::1" };
        var dualNew = NewEntry with { Address6 = "2001:db8:253::1" };
        var held = Held(dualOld, dualNew) with { AllocatedIp6 = dualOld.Address6 };
        var asked = new List<string>();

        var waiting = VipNetworkMove.Place(Wanted(New, "172.16.253.0/24"), held, addresses => { asked.AddRange(addresses); return false; });
        var done = VipNetworkMove.Place(Wanted(New, "172.16.253.0/24"), held, addresses => addresses.SequenceEqual(["172.16.253.1", "2001:db8:253::1"]));

        Assert.Equal(["172.16.253.1", "2001:db8:253::1"], asked);
        Assert.Equal(["0"], waiting.KeptVipIds);
        Assert.Empty(done.KeptVipIds);
        // Never old and new side by side in a status: during the move only the serving entry's addresses.
        Assert.Equal(["172.16.253.1", "2001:db8:253::1"], VipNetworkMove.ServingAddresses(Wanted(New, "172.16.253.0/24"), held));
        Assert.Equal(["172.16.252.1", "2001:db8:252::1"], VipNetworkMove.ServingAddresses(Wanted(New, "172.16.253.0/24"), Held(dualOld) with { AllocatedIp6 = dualOld.Address6 }));
        // Outside a move, everything the vsvip shows.
        Assert.Equal(["172.16.253.1", "2001:db8:253::1"], VipNetworkMove.ServingAddresses(Wanted(New, "172.16.253.0/24"), Held(dualNew) with { AllocatedIp6 = dualNew.Address6 }));
        Assert.Empty(VipNetworkMove.ServingAddresses(Wanted(New, "172.16.253.0/24"), null));
    }

    [Fact]
    public void One_entry_per_subnet_is_never_a_move_and_every_entrys_address_is_shown()
    {
        var first = new VsVipEntry("1", new AviNetworkRef(string.Empty, null), null, "10.10.1.5") { SubnetUuid = "subnet-a" };
        var second = new VsVipEntry("2", new AviNetworkRef(string.Empty, null), null, "10.10.2.5") { SubnetUuid = "subnet-b" };
        var wanted = Wanted(New, "172.16.253.0/24") with { SubnetVips = new[] { "subnet-a", "subnet-b" }.ToEquatableArray() };
        var held = wanted with { AllocatedIp = "10.10.1.5", Vips = new[] { first, second }.ToEquatableArray() };

        Assert.Equal(["10.10.1.5", "10.10.2.5"], VipNetworkMove.ServingAddresses(wanted, held));
    }

    private static readonly VsVipEntry OldV6Entry = new("0", Old, null, null) { Address6 = "2001:db8:252::1", IpType = VipIpType.V6Only, Subnet6Cidr = "2001:db8:252::/64" };
    private static readonly VsVipEntry NewV6Entry = new("1", New, null, null) { Address6 = "2001:db8:253::1", IpType = VipIpType.V6Only, Subnet6Cidr = "2001:db8:253::/64" };

    private static VsVipSpec WantedV6(AviNetworkRef network, string cidr6) =>
        new VsVipSpec("c1--Shared-L7-slice-0", network.Name, null, null, EquatableArray<string>.Empty, "Default-Cloud", "global", AviObjectMeta.None)
            { IpType = VipIpType.V6Only, Subnet6Cidr = cidr6 };

    private static VsVipSpec HeldV6(params VsVipEntry[] entries) =>
        WantedV6(entries[0].Network, entries[0].Subnet6Cidr!) with { AllocatedIp6 = entries[0].Address6, Vips = entries.ToEquatableArray() };

    [Fact]
    public void A_v6_only_vip_moves_as_an_ipv4_one_does_the_old_entry_kept_and_shown_until_the_new_ipv6_address_exists()
    {
        var placed = VipNetworkMove.Place(WantedV6(New, "2001:db8:253::/64"), HeldV6(OldV6Entry), EveryoneShowsIt);

        // An entry with only an IPv6 VIP is allocated all the same: kept, never swapped out in one PUT.
        Assert.Null(placed.CurrentVipId);
        Assert.Equal(["0"], placed.KeptVipIds);
        Assert.False(placed.IsSatisfiedBy(HeldV6(OldV6Entry)));
        Assert.False(placed.RequiresReplacement(HeldV6(OldV6Entry)));
        Assert.True(VipNetworkMove.IsMoving(New, HeldV6(OldV6Entry)));
        Assert.Equal("2001:db8:252::1", VipNetworkMove.ServingAddress(New, HeldV6(OldV6Entry)));
        Assert.Equal(["2001:db8:252::1"], VipNetworkMove.ServingAddresses(WantedV6(New, "2001:db8:253::/64"), HeldV6(OldV6Entry)));
    }

    [Fact]
    public void A_v6_only_move_waits_for_every_status_to_show_the_new_ipv6_address_then_drops_the_old_entry()
    {
        var held = HeldV6(OldV6Entry, NewV6Entry);
        var asked = new List<string>();

        var waiting = VipNetworkMove.Place(WantedV6(New, "2001:db8:253::/64"), held, addresses => { asked.AddRange(addresses); return false; });
        var done = VipNetworkMove.Place(WantedV6(New, "2001:db8:253::/64"), held, addresses => addresses.SequenceEqual(["2001:db8:253::1"]));

        Assert.Equal(["2001:db8:253::1"], asked);
        Assert.Equal("1", waiting.CurrentVipId);
        Assert.Equal(["0"], waiting.KeptVipIds);
        Assert.True(waiting.IsSatisfiedBy(held), "nothing to write while the statuses still show the old address");
        Assert.Equal("2001:db8:253::1", VipNetworkMove.ServingAddress(New, held));
        Assert.Equal(["2001:db8:253::1"], VipNetworkMove.ServingAddresses(WantedV6(New, "2001:db8:253::/64"), held));
        Assert.Empty(done.KeptVipIds);
        Assert.True(done.IsSatisfiedBy(HeldV6(NewV6Entry)));
        Assert.False(VipNetworkMove.IsMoving(New, HeldV6(NewV6Entry)));
    }

    [Fact]
    public void A_v6_only_entry_on_the_new_network_not_allocated_yet_leaves_the_old_ipv6_address_shown()
    {
        var held = HeldV6(OldV6Entry, NewV6Entry with { Address6 = null });

        var placed = VipNetworkMove.Place(WantedV6(New, "2001:db8:253::/64"), held, EveryoneShowsIt);

        Assert.Equal(["0"], placed.KeptVipIds);
        Assert.Equal("2001:db8:252::1", VipNetworkMove.ServingAddress(New, held));
        Assert.True(new VsVipEntry("2", New, null, null) { Address6 = "2001:db8:253::9" }.IsAllocated);
        Assert.False(new VsVipEntry("2", New, null, null).IsAllocated);
    }
}
