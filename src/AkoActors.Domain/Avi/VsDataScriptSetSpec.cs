using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>A datascript set: AKO attaches one to each shared L7 VS to pick a pool of the shard pool group by
/// <c>host/path</c>. This controller never wants one; it reads AKO's so a takeover can detach and delete it, and
/// follows the objects it names so they are found and removed after it.</summary>
public sealed record VsDataScriptSetSpec(
    string Name,
    EquatableArray<DataScript> Scripts,
    EquatableArray<string> PoolGroups,
    AviObjectMeta Meta) : AviObjectSpec(Name)
{
    public override string Type => AviObjectTypes.VsDataScriptSet;

    /// <summary>Pools named directly by the scripts (<c>pool_refs</c>).</summary>
    public EquatableArray<string> Pools { get; init; } = EquatableArray<string>.Empty;

    /// <summary>String groups and IP groups the scripts look up: types no owner manages, so they are named here only
    /// to be reported, never read or deleted.</summary>
    public EquatableArray<AviRef> Lookups { get; init; } = EquatableArray<AviRef>.Empty;

    public override IEnumerable<AviRef> References =>
        PoolGroups.Select(name => new AviRef(AviObjectTypes.PoolGroup, name))
            .Concat(Pools.Select(name => new AviRef(AviObjectTypes.Pool, name)))
            .Concat(Lookups);
}
