namespace AkoActors.Simulation.Invariants;

/// <summary>A simulation run broke an invariant (or did not converge in its bound); the message names the seed, the
/// command that reproduces it, and every violation (object and writes).</summary>
public sealed class InvariantViolationException : Exception
{
    public InvariantViolationException(int seed, string summary, IReadOnlyList<Violation> violations)
        : base(Format(seed, summary, violations))
    {
        Seed = seed;
        Violations = violations;
    }

    public int Seed { get; }

    public IReadOnlyList<Violation> Violations { get; }

    private static string Format(int seed, string summary, IReadOnlyList<Violation> violations)
    {
        var shown = violations.Take(20).Select(v => "  - " + v);
        var more = violations.Count > 20 ? $"\n  ... and {violations.Count - 20} more" : "";
        return $"[seed {seed}] {summary}: {violations.Count} violation(s)\n{string.Join('\n', shown)}{more}\n" +
               $"reproduce with: AKO_SIM_SEED={seed} dotnet test tests/AkoActors.Simulation.Tests --filter FullyQualifiedName~RandomFaultScheduleTests";
    }
}
