using AkoActors.Avi.Errors;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;

namespace AkoActors.Actors.Avi;

/// <summary>What running a plan did: the new state of every object it touched, and the failure that stopped it, if any.</summary>
/// <param name="Applied">Each operation that succeeded, with the object's state after it (null after a delete).</param>
public sealed record PlanOutcome(
    IReadOnlyList<(AviOperation Operation, AviObjectState? State)> Applied,
    AviOperation? FailedOperation,
    AviError? Failure,
    int Calls)
{
    public bool Succeeded => Failure is null;
}
