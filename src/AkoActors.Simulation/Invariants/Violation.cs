namespace AkoActors.Simulation.Invariants;

/// <summary>One invariant broken: which (single writer, nothing lost, no orphans, no duplicates, no spurious writes,
/// statuses match), the object, and what was seen — the writes, or desired against actual.</summary>
public sealed record Violation(string Invariant, string Object, string Detail)
{
    public override string ToString() => $"{Invariant}: {Object}: {Detail}";
}
