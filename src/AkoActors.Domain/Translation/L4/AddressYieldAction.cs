namespace AkoActors.Domain.Translation.L4;

/// <summary>What an auto-allocating Service's owner does about its VIP address (see <see cref="AddressYield"/>).</summary>
public enum AddressYieldAction
{
    /// <summary>Go on as usual: keep the address it has, or let IPAM choose one.</summary>
    Proceed,

    /// <summary>Give the address IPAM just handed it back (delete the VS and the vsvip; the pools stay), without ever showing
    /// it in the Service's status: another Service of this cluster asks for it.</summary>
    Yield,

    /// <summary>It gave an address back and the Service asking for it has not got it yet: ask IPAM for nothing now (it would
    /// hand out the same lowest free address again).</summary>
    Wait,
}
