using AkoActors.Avi.Codec;
using AkoActors.Domain.Avi;

namespace AkoActors.Actors.Avi;

/// <summary>What reading part of a tree leads to: the objects it refers to that are still unknown, split into those to read
/// next (references are followed down, VS → policy sets → pools, so objects no input names any more are found too) and
/// those of a type no codec reads (left alone, and the user told).</summary>
/// <param name="ToRead">Referred to, unknown, not asked for in this read, and readable.</param>
/// <param name="Unreadable">Referred to, unknown, and of a type this controller does not read.</param>
public sealed record TreeReadFollowUp(IReadOnlyList<AviRef> ToRead, IReadOnlyList<AviRef> Unreadable)
{
    /// <param name="asked">The objects the read asked for.</param>
    /// <param name="read">The objects it found.</param>
    /// <param name="known">The tree known after taking the read in.</param>
    public static TreeReadFollowUp Of(IReadOnlyList<AviRef> asked, IReadOnlyList<AviObjectState> read, IReadOnlyDictionary<AviRef, AviObjectState> known)
    {
        var askedSet = asked.ToHashSet();
        var followed = read.SelectMany(s => s.Spec.References).Where(r => !known.ContainsKey(r) && !askedSet.Contains(r)).ToList();
        return new TreeReadFollowUp(
            followed.Where(r => AviSpecCodecs.Supports(r.Type)).ToList(),
            followed.Where(r => !AviSpecCodecs.Supports(r.Type)).ToList());
    }
}
