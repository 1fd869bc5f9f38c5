using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>The L4 policy set of an L4 virtual service: routes each port+protocol to its pool.</summary>
public sealed record L4PolicySetSpec(string Name, EquatableArray<L4PoolRule> Rules, AviObjectMeta Meta) : AviObjectSpec(Name)
{
    public override string Type => AviObjectTypes.L4PolicySet;

    public override IEnumerable<AviRef> References => Rules.Select(r => new AviRef(AviObjectTypes.Pool, r.PoolName));
}
