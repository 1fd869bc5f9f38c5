namespace AkoActors.Domain.Translation.L4;

/// <summary>Keeps a brand-new auto-allocated VIP off the address another Service of this cluster asks for, across replicas.</summary>
/// <remarks>The owners of two Services may run on different replicas, so no lock orders their vsvip POSTs, and the
/// controller's IPAM hands an auto-allocating vsvip the lowest free address of the VIP range — which may be the one a
/// pinned Service (or one whose status shows it, whose tree is being made again) is about to ask for. Every replica's
/// informer cache knows every such claim, and an address IPAM has just handed out was free, so its claimant does not
/// hold it: the auto-allocating Service gives it back before its status ever shows it, and asks IPAM again only once
/// the claimant has it (its status shows it), the claim is gone, or <see cref="MaxWait"/> has passed. A Service whose
/// status shows an address, or that asks for one itself, never yields.</remarks>
public static class AddressYield
{
    /// <summary>How often a Service that gave an address back looks whether its claimant has it now.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(2);

    /// <summary>How long a Service that gave an address back waits for its claimant before it asks IPAM again.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>How many times in a row a Service gives back the same address before it keeps it (a claimant that never
    /// takes it, say one whose tree the controller refuses for another reason, must not keep it from a VIP for good).</summary>
    public const int MaxYields = 3;

    /// <param name="allocated">The address the Service's own vsvip holds on the controller; null when it has no vsvip.</param>
    /// <param name="pinned">The address the Service itself asks for (loadBalancerIP, annotation, L4Rule); null when auto-allocated.</param>
    /// <param name="remembered">The address the Service showed last (its status, or what its owner remembers through deleteConfig).</param>
    /// <param name="shown">The addresses its status shows now.</param>
    /// <param name="yielded">The address it last gave back, if any.</param>
    /// <param name="rivals">The claims of the other Services of this cluster to the address concerned (<see cref="AddressClaims.On"/>).</param>
    public static AddressYieldDecision Decide(
        string? allocated, string? pinned, string? remembered, IReadOnlyCollection<string> shown, YieldedAddress? yielded,
        IReadOnlyList<AddressClaim> rivals, DateTimeOffset now)
    {
        if (pinned is not null) return AddressYieldDecision.Proceed;
        if (allocated is not null)
        {
            // Only a Service showing no address yields: one that shows its address keeps it (a later request for it is an
            // address conflict), and one moving its VIP (another network, another tenant) must never show none meanwhile.
            if (shown.Count > 0) return AddressYieldDecision.Proceed;
            // A Service asking for the address comes before one that only showed it (and before one that asks for nothing).
            var rival = rivals.Where(c => c.Address == allocated).OrderBy(c => c.Kind == AddressClaimKind.Pinned ? 0 : 1).FirstOrDefault();
            if (rival is null) return AddressYieldDecision.Proceed;
            if (rival.Kind == AddressClaimKind.Remembered && remembered == allocated) return AddressYieldDecision.Proceed;
            if (yielded?.Address == allocated && yielded.Count >= MaxYields) return AddressYieldDecision.Proceed;
            return new AddressYieldDecision(AddressYieldAction.Yield, rival);
        }
        if (yielded is null || now - yielded.Since >= MaxWait) return AddressYieldDecision.Proceed;
        var claims = rivals.Where(c => c.Address == yielded.Address).ToList();
        // The claimant has it (a pinned Service's status shows it), or nobody asks for it any more: IPAM will not hand it out again.
        if (claims.Count == 0 || claims.All(c => c is { Kind: AddressClaimKind.Pinned, ShownInStatus: true })) return AddressYieldDecision.Proceed;
        return new AddressYieldDecision(AddressYieldAction.Wait, claims.OrderBy(c => c.Kind == AddressClaimKind.Pinned ? 0 : 1).First());
    }
}
