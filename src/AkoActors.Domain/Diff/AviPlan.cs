using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Diff;

/// <summary>The operations that take a tree from its actual to its desired state, as ordered waves.</summary>
/// <remarks>Operations inside one wave do not depend on each other and may run concurrently; a wave starts only
/// after the previous one succeeded, which is what keeps references valid at every step.</remarks>
public sealed record AviPlan(EquatableArray<EquatableArray<AviOperation>> Waves)
{
    public static AviPlan Empty { get; } = new(EquatableArray<EquatableArray<AviOperation>>.Empty);

    public bool IsEmpty => Waves.IsEmpty;

    public int OperationCount => Waves.Sum(w => w.Count);

    public IEnumerable<AviOperation> Operations => Waves.SelectMany(w => w);

    public override string ToString() => string.Join(" | ", Waves.Select(w => string.Join(", ", w)));
}
