namespace AkoActors.Domain.Translation.L4;

/// <summary>The address an auto-allocating Service last gave back, to whom, since when, and how many times in a row: bounds
/// the yielding so a claimant that never takes the address cannot keep the Service without a VIP.</summary>
public sealed record YieldedAddress(string Address, AddressClaim Rival, DateTimeOffset Since, int Count);
