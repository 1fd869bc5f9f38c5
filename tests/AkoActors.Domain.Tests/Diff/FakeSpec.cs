using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Tests.Diff;

/// <summary>A minimal object spec for exercising the planner without any real Avi type's rules.</summary>
internal sealed record FakeSpec(string Kind, string Name, string Content, EquatableArray<AviRef> Refs, string? PinnedAddress = null)
    : AviObjectSpec(Name)
{
    public override string Type => Kind;

    public override AviObjectMeta Meta { get; init; } = AviObjectMeta.None;

    public override IEnumerable<AviRef> References => Refs;

    public override bool RequiresReplacement(AviObjectSpec actual) =>
        PinnedAddress is not null && actual is FakeSpec a && a.PinnedAddress != PinnedAddress;

    public static FakeSpec Of(string kind, string name, string content = "v1", params AviRef[] refs) =>
        new(kind, name, content, refs.ToEquatableArray());
}
