using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Actors.Tests.Avi;

/// <summary>Minimal Avi objects for the tree owner's pure decisions: what they refer to and their stamps are all that counts.</summary>
internal static class TreeSpecs
{
    private static readonly AviObjectMeta Meta = new("ako-c1", EquatableArray<AviMarker>.Empty, null);

    public static AviObjectState State(string type, string name, string? lastModified = "1", long? epoch = null, params AviRef[] references) =>
        new(new ReferringSpec(type, name, references), $"{type}-{name}-uuid", lastModified, Epoch: epoch);

    public static AviRef Ref(string type, string name) => new(type, name);

    /// <summary>An object of any type, even one no codec reads, that refers to the given objects.</summary>
    private sealed record ReferringSpec(string ObjectType, string ObjectName, IReadOnlyList<AviRef> Refers) : AviObjectSpec(ObjectName)
    {
        public override string Type => ObjectType;

        public override AviObjectMeta Meta { get; init; } = TreeSpecs.Meta;

        public override IEnumerable<AviRef> References => Refers;
    }
}
