using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Diff;

/// <summary>Compares a desired object tree with what the controller holds and plans the fewest ordered calls.</summary>
/// <remarks>
/// Three phases, each split into dependency waves:
/// <list type="number">
/// <item>objects the controller cannot change in place (and everything that refers to them) are deleted,
/// referrers first;</item>
/// <item>missing objects are created and differing ones updated, referenced objects first;</item>
/// <item>objects nobody wants any more are deleted, referrers first.</item>
/// </list>
/// Updates run before deletes, so a parent has dropped its reference before the child goes away.
/// </remarks>
public static class AviTreeDiff
{
    public static AviPlan Plan(IEnumerable<AviObjectSpec> desired, IEnumerable<AviObjectState> actual)
    {
        var desiredByRef = new Dictionary<AviRef, AviObjectSpec>();
        foreach (var spec in desired)
        {
            if (!desiredByRef.TryAdd(spec.Ref, spec))
            {
                throw new ArgumentException($"The desired tree names {spec.Ref} twice", nameof(desired));
            }
        }
        var actualByRef = actual.ToDictionary(a => a.Ref);

        var replaced = ReplacementClosure(desiredByRef, actualByRef);
        var waves = new List<EquatableArray<AviOperation>>();

        waves.AddRange(DeleteWaves(replaced.Select(r => actualByRef[r]).ToList()));

        var applies = new Dictionary<AviRef, AviOperation>();
        foreach (var (reference, spec) in desiredByRef)
        {
            if (!actualByRef.TryGetValue(reference, out var existing) || replaced.Contains(reference))
            {
                applies[reference] = new CreateOperation(spec);
            }
            else if (!spec.IsSatisfiedBy(existing.Spec))
            {
                applies[reference] = new UpdateOperation(spec, existing);
            }
        }
        waves.AddRange(ApplyWaves(applies, desiredByRef));

        var orphans = actualByRef.Values
            .Where(a => !desiredByRef.ContainsKey(a.Ref) && !replaced.Contains(a.Ref))
            .ToList();
        waves.AddRange(DeleteWaves(orphans));

        return new AviPlan(waves.ToEquatableArray());
    }

    private static HashSet<AviRef> ReplacementClosure(
        Dictionary<AviRef, AviObjectSpec> desired, Dictionary<AviRef, AviObjectState> actual)
    {
        var replaced = new HashSet<AviRef>(
            desired.Where(d => actual.TryGetValue(d.Key, out var a) && d.Value.RequiresReplacement(a.Spec)).Select(d => d.Key));
        bool grew;
        do
        {
            grew = false;
            foreach (var state in actual.Values)
            {
                if (!replaced.Contains(state.Ref) && state.Spec.References.Any(replaced.Contains))
                {
                    grew |= replaced.Add(state.Ref);
                }
            }
        }
        while (grew);
        return replaced;
    }

    /// <summary>Creates and updates, each after the operations on the objects it refers to. A vsvip update runs as late as the
    /// objects referring to it allow (with the last wave when nothing in the plan refers to it): the names it publishes in DNS
    /// change with the routing that serves them, not a wave before, and on a shared VS the policy-set write that routes a new
    /// host no longer waits for the vsvip write (both grow with the VS's hosts) — one large write on a pass's critical path,
    /// not two. A vsvip is still created first: a refused address stops the tree before anything refers to it.</summary>
    private static IEnumerable<EquatableArray<AviOperation>> ApplyWaves(
        Dictionary<AviRef, AviOperation> applies, Dictionary<AviRef, AviObjectSpec> desired)
    {
        var levels = new Dictionary<AviRef, int>();
        foreach (var reference in applies.Keys)
        {
            LevelOf(reference, new HashSet<AviRef>());
        }
        var last = levels.Count == 0 ? 0 : levels.Values.Max();
        var referrers = applies.Keys.ToDictionary(r => r, _ => new List<AviRef>());
        foreach (var reference in applies.Keys)
        {
            foreach (var dependency in desired[reference].References.Where(applies.ContainsKey).Distinct()) referrers[dependency].Add(reference);
        }
        return Group(applies.Values, op => op is UpdateOperation && op.Target.Type == AviObjectTypes.VsVip
            ? referrers[op.Target].Select(r => levels[r]).DefaultIfEmpty(last + 1).Min() - 1
            : levels[op.Target]);

        int LevelOf(AviRef reference, HashSet<AviRef> visiting)
        {
            if (levels.TryGetValue(reference, out var known)) return known;
            if (!visiting.Add(reference)) throw new InvalidOperationException($"Reference cycle through {reference}");
            var level = 0;
            foreach (var dependency in desired[reference].References.Where(applies.ContainsKey))
            {
                level = Math.Max(level, LevelOf(dependency, visiting) + 1);
            }
            visiting.Remove(reference);
            return levels[reference] = level;
        }
    }

    /// <summary>Deletes, each after every other deleted object that still refers to it.</summary>
    private static IEnumerable<EquatableArray<AviOperation>> DeleteWaves(List<AviObjectState> deletes)
    {
        var deleting = deletes.ToDictionary(d => d.Ref);
        var referrers = deleting.Keys.ToDictionary(r => r, _ => new List<AviRef>());
        foreach (var state in deletes)
        {
            foreach (var target in state.Spec.References.Where(deleting.ContainsKey).Distinct())
            {
                referrers[target].Add(state.Ref);
            }
        }
        var levels = new Dictionary<AviRef, int>();
        foreach (var reference in deleting.Keys)
        {
            LevelOf(reference, new HashSet<AviRef>());
        }
        return Group(deletes.Select(d => (AviOperation)new DeleteOperation(d.Ref, d.Uuid, d)), op => levels[op.Target]);

        int LevelOf(AviRef reference, HashSet<AviRef> visiting)
        {
            if (levels.TryGetValue(reference, out var known)) return known;
            if (!visiting.Add(reference)) throw new InvalidOperationException($"Reference cycle through {reference}");
            var level = 0;
            foreach (var referrer in referrers[reference])
            {
                level = Math.Max(level, LevelOf(referrer, visiting) + 1);
            }
            visiting.Remove(reference);
            return levels[reference] = level;
        }
    }

    private static IEnumerable<EquatableArray<AviOperation>> Group(IEnumerable<AviOperation> operations, Func<AviOperation, int> level) =>
        operations
            .GroupBy(level)
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(op => op.Target.Type, StringComparer.Ordinal)
                          .ThenBy(op => op.Target.Name, StringComparer.Ordinal)
                          .ToEquatableArray());
}
