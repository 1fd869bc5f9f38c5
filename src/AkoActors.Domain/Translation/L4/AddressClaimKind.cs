namespace AkoActors.Domain.Translation.L4;

/// <summary>Why a Service of this cluster lays claim to a VIP address.</summary>
public enum AddressClaimKind
{
    /// <summary>It asks for the address: <c>spec.loadBalancerIP</c>, the <c>ako.vmware.com/load-balancer-ip</c> annotation, or
    /// the <c>loadBalancerIP</c> of the L4Rule it names.</summary>
    Pinned,

    /// <summary>Its status shows the address without asking for it: the tree made again asks for it (see
    /// <c>ServiceActor</c>), so it is its address to keep where the controller allows.</summary>
    Remembered,
}
