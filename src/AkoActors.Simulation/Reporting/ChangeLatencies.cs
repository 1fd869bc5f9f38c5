using AkoActors.AviSim.Audit;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Simulation.Reporting;

/// <summary>How long each endpoint change took to reach the controller: from the EndpointSlice write to the last of its
/// pools' first successful writes after it (AviSim's audit log; both clocks are this machine's). A change with a pool not
/// written afterwards (lost, or the run ended first) is counted apart; a change no pool serves (a backend no Ingress
/// routes to) is left out.</summary>
public sealed record ChangeLatencies(IReadOnlyList<TimeSpan> Realised, int Unrealised)
{
    public static ChangeLatencies Measure(IReadOnlyList<EndpointChange> changes, IReadOnlyList<AuditEntry> audit)
    {
        var writes = audit
            .Where(e => e.ObjectType == "pool" && e.Name is not null && e.Status is >= 200 and < 300 && e.Method is "PUT" or "POST" or "PATCH")
            .GroupBy(e => e.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Time).Order().ToArray(), StringComparer.Ordinal);
        var realised = new List<TimeSpan>();
        var unrealised = 0;
        foreach (var change in changes.Where(c => c.Pools.Count > 0))
        {
            var done = change.Pools.Select(pool => FirstAtOrAfter(writes.GetValueOrDefault(pool), change.Sent)).ToList();
            if (done.Any(d => d is null)) unrealised++;
            else realised.Add(done.Max(d => d!.Value) - change.Sent);
        }
        return new ChangeLatencies(realised.Order().ToList(), unrealised);
    }

    /// <summary>How long each node change took to reach the VRF: from the Node write to the first successful write of
    /// vrfcontext <paramref name="vrf"/> at or after it whose routes hold every route the change asks for and none of the
    /// prefixes it drops — or, when the same Node changed again before that (the controller coalesces), that shows one of
    /// its later changes. Exact, unlike pools: pod CIDRs are never reused in a run, so no write built before a change can
    /// carry its new route, and lacking the old prefix shows the controller had seen it. A change no later write shows is
    /// counted apart.</summary>
    public static ChangeLatencies MeasureNodes(IReadOnlyList<NodeChange> changes, IReadOnlyList<AuditEntry> audit, string vrf = "global")
    {
        var writes = audit
            .Where(e => e.ObjectType == "vrfcontext" && e.Name == vrf && e.Status is >= 200 and < 300 && !e.InjectedFault &&
                        e.Method is "PUT" or "POST" && e.StaticRoutes is not null)
            .OrderBy(e => e.Time)
            .ToList();
        DateTimeOffset? Shown(NodeChange change) => writes.FirstOrDefault(w =>
            w.Time >= change.Sent &&
            change.Present.All(w.StaticRoutes!.Contains) &&
            !w.StaticRoutes!.Any(route => change.AbsentPrefixes.Any(prefix => route.StartsWith(prefix + " ", StringComparison.Ordinal))))?.Time;
        var realised = new List<TimeSpan>();
        var unrealised = 0;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var shown = changes.Skip(i).Where(c => c.Node == change.Node).Select(Shown).Where(t => t is not null).Min();
            if (shown is { } at) realised.Add(at - change.Sent);
            else unrealised++;
        }
        return new ChangeLatencies(realised.Order().ToList(), unrealised);
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of the realised latencies, nearest rank; null when there are none.</summary>
    public TimeSpan? Quantile(double quantile)
    {
        if (Realised.Count == 0) return null;
        var rank = (int)Math.Ceiling(quantile * Realised.Count);
        return Realised[Math.Clamp(rank - 1, 0, Realised.Count - 1)];
    }

    private static DateTimeOffset? FirstAtOrAfter(DateTimeOffset[]? times, DateTimeOffset at)
    {
        if (times is null) return null;
        var index = Array.BinarySearch(times, at);
        if (index < 0) index = ~index;
        return index < times.Length ? times[index] : null;
    }
}
