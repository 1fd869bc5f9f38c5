using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Translation.L4;

/// <summary>A VIP address a LoadBalancer Service of this cluster asks for or shows, as every replica's informer cache knows it:
/// what an auto-allocating Service must not keep when IPAM hands it that address (see <see cref="AddressYield"/>).</summary>
/// <param name="ShownInStatus">The claimant's status shows the address.</param>
public sealed record AddressClaim(ServiceKey Service, string Address, AddressClaimKind Kind, bool ShownInStatus);
