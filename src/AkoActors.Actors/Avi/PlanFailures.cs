using AkoActors.Avi.Errors;

namespace AkoActors.Actors.Avi;

/// <summary>The decisions a tree owner takes on a failed plan, apart from the actor so each reads as a table.</summary>
public static class PlanFailures
{
    /// <summary>What kind of answer a failure needs; <paramref name="targetKnown"/> is whether the owner knows the failed
    /// operation's object (read or written before).</summary>
    public static PlanFailure Classify(AviError error, bool targetKnown) => error.Kind switch
    {
        AviErrorKind.NameConflict when !targetKnown => PlanFailure.NameTaken,
        AviErrorKind.Rejected or AviErrorKind.NameConflict => PlanFailure.Refused,
        AviErrorKind.NoFreeIps => PlanFailure.NoFreeIps,
        AviErrorKind.AddressInUse => PlanFailure.AddressInUse,
        _ => PlanFailure.Retryable,
    };

    /// <summary>True when the failed operation's object must be read again before the next plan: it changed (412), is gone
    /// (404), carries a newer owner's stamp (fenced; the next pass then sees the tree superseded) or holds the name (409).</summary>
    public static bool ReadsTargetAgain(AviError error, bool targetKnown) =>
        error.Kind is AviErrorKind.Stale or AviErrorKind.NotFound or AviErrorKind.Fenced ||
        (error.Kind == AviErrorKind.NameConflict && !targetKnown);
}
