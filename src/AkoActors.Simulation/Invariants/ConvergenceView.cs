using AkoActors.Domain.Keys;

namespace AkoActors.Simulation.Invariants;

/// <summary>One comparison of desired and actual: every difference, how many subjects (Services, shared-VIP groups, hosts,
/// shared VSes) there are and how many are realised, and which pools serve each backend Service (for change latencies).</summary>
public sealed record ConvergenceView(
    IReadOnlyList<Violation> Differences, int Subjects, int Realised, IReadOnlyDictionary<ServiceKey, IReadOnlyList<string>> PoolsByService);
