using AkoActors.Domain.Collections;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>Kubernetes label/annotation maps (possibly null) as <see cref="LabelSet"/>s.</summary>
internal static class LabelSets
{
    public static LabelSet Of(IDictionary<string, string>? map) => map is null || map.Count == 0 ? LabelSet.Empty : new LabelSet(map);
}
