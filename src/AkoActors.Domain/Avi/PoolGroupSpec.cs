using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>A pool group: the pools an SNI path switches to (AKO keeps one per path, so weights can be added later).</summary>
public sealed record PoolGroupSpec(string Name, EquatableArray<PoolGroupMember> Members, AviObjectMeta Meta) : AviObjectSpec(Name)
{
    public override string Type => AviObjectTypes.PoolGroup;

    public override IEnumerable<AviRef> References => Members.Select(m => new AviRef(AviObjectTypes.Pool, m.PoolName));
}
