using AkoActors.Domain.Avi;

namespace AkoActors.Actors.Avi;

/// <summary>Which objects of a tree a sweep shows changed behind its owner's back, so the owner reads only those again.</summary>
public static class TreeDrift
{
    /// <summary>Objects whose stamp differs from the one the owner knows (or that it does not know), except those a read in
    /// flight already covers; once the whole tree has been read (<paramref name="loaded"/>), also the owner's own objects the
    /// sweep did not find (deleted on the controller).</summary>
    public static IReadOnlyList<AviRef> Find(
        IReadOnlyList<ObservedObject> seen, IReadOnlyDictionary<AviRef, AviObjectState> known, IReadOnlySet<AviRef> reading,
        bool loaded, Func<AviObjectState, bool> isOwn)
    {
        var stamps = seen.ToDictionary(o => o.Ref, o => o.LastModified);
        // A read already in flight is as fresh as the sweep: reading those objects again would only double the cost.
        var drifted = stamps
            .Where(o => !reading.Contains(o.Key) && (!known.TryGetValue(o.Key, out var state) || state.LastModified != o.Value))
            .Select(o => o.Key)
            .ToList();
        if (loaded)
        {
            drifted.AddRange(known.Values.Where(s => isOwn(s) && !stamps.ContainsKey(s.Ref)).Select(s => s.Ref));
        }
        return drifted;
    }
}
