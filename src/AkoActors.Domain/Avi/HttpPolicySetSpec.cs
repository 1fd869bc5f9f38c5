using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>An HTTP policy set: ordered request rules that select the pool for a host and path, or redirect to HTTPS.</summary>
public sealed record HttpPolicySetSpec(string Name, EquatableArray<HttpPolicyRule> Rules, AviObjectMeta Meta) : AviObjectSpec(Name)
{
    public override string Type => AviObjectTypes.HttpPolicySet;

    public override IEnumerable<AviRef> References => Rules.Select(r => r.Action.Target).OfType<AviRef>().Distinct();
}
