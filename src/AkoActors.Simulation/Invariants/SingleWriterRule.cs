using System.Globalization;
using AkoActors.AviSim.Audit;

namespace AkoActors.Simulation.Invariants;

/// <summary>Single writer, from AviSim's audit log: no object is ever written by two replicas interleaved. Every
/// AkoActors write stamps its owner's epoch (marker <c>ako-actors-epoch</c>), and a new owner always takes a larger one,
/// so in audit order an object's epochs never go down: a write landing with a smaller epoch than one already written is a
/// stale owner overwriting its successor, and two replicas writing the same epoch are two owners at once. A write that
/// carries no epoch (a DELETE, or a writer that is not AkoActors) counts as interleaved when its writer already wrote the
/// object before someone else did (A, B, A) and it does not come back with a larger epoch.</summary>
public static class SingleWriterRule
{
    public const string Name = "single writer";
    public const string EpochMarker = "ako-actors-epoch";

    public static IReadOnlyList<Violation> Check(IEnumerable<AuditEntry> audit)
    {
        var violations = new List<Violation>();
        foreach (var writes in audit
                     .Where(e => e.Status is >= 200 and < 300 && !e.InjectedFault && e.Name is not null)
                     .GroupBy(e => $"{e.ObjectType} {e.Name}"))
        {
            long? maxEpoch = null;
            AuditEntry? maxWrite = null;
            var history = new List<AuditEntry>();
            foreach (var write in writes.OrderBy(e => e.Sequence))
            {
                var writer = Writer(write);
                var epoch = Epoch(write);
                var before = violations.Count;
                if (epoch is { } e && maxEpoch is { } max && maxWrite is not null && Writer(maxWrite) != writer)
                {
                    if (e < max)
                    {
                        violations.Add(new Violation(Name, writes.Key,
                            $"{Describe(write)} landed after {Describe(maxWrite)}: a stale owner overwrote its successor ({Story(history, write)})"));
                    }
                    else if (e == max)
                    {
                        violations.Add(new Violation(Name, writes.Key,
                            $"{Describe(write)} and {Describe(maxWrite)} carry the same epoch: two owners at once ({Story(history, write)})"));
                    }
                }
                var returnsWithNewerEpoch = epoch is { } fresh && (maxEpoch is null || fresh > maxEpoch);
                var lastOwn = history.FindLastIndex(h => Writer(h) == writer);
                if (violations.Count == before && !returnsWithNewerEpoch && lastOwn >= 0 && history.Skip(lastOwn + 1).FirstOrDefault(h => Writer(h) != writer) is { } between &&
                    !(epoch is not null && Epoch(between) is { } other && other < epoch))
                {
                    violations.Add(new Violation(Name, writes.Key,
                        $"{writer} wrote again ({Describe(write)}) after {Writer(between)} did ({Describe(between)}): writers interleaved ({Story(history, write)})"));
                }
                if (epoch is { } stamped && (maxEpoch is null || stamped >= maxEpoch))
                {
                    maxEpoch = stamped;
                    maxWrite = write;
                }
                history.Add(write);
            }
        }
        return violations;
    }

    public static string Writer(AuditEntry entry) => entry.Replica ?? "(no X-Ako-Replica)";

    public static long? Epoch(AuditEntry entry)
    {
        if (entry.Markers?.GetValueOrDefault(EpochMarker) is not { } values) return null;
        long? epoch = null;
        foreach (var value in values.Split(','))
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) epoch = Math.Max(epoch ?? 0, parsed);
        }
        return epoch;
    }

    private static string Describe(AuditEntry entry) =>
        $"#{entry.Sequence} {entry.Method} by {Writer(entry)}{(Epoch(entry) is { } e ? $" epoch {e}" : " no epoch")} at {entry.Time:HH:mm:ss.fff}";

    private static string Story(List<AuditEntry> history, AuditEntry last) =>
        "writes: " + string.Join(", ", history.TakeLast(6).Append(last).Select(Describe));
}
