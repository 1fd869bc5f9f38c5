namespace AkoActors.Domain.Translation.L4;

/// <summary>The outcome of <see cref="AddressYield.Decide"/>, with the claim it yields to or waits for.</summary>
public sealed record AddressYieldDecision(AddressYieldAction Action, AddressClaim? Rival = null)
{
    public static AddressYieldDecision Proceed { get; } = new(AddressYieldAction.Proceed);
}
