using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>The marks that say "this object belongs to this cluster's controller": <c>created_by</c> and the clustername marker.</summary>
/// <remarks>Nothing without these marks is ever modified or deleted (ako-behaviour.md §2); vsvips carry no
/// <c>created_by</c>, so for them the clustername marker (or the name prefix) decides.</remarks>
public sealed record AviOwnership(string ClusterName)
{
    /// <summary>AKO's value, kept so objects made by AKO are adopted rather than duplicated.</summary>
    public string CreatedBy => $"ako-{ClusterName}";

    public string NamePrefix => $"{ClusterName}--";

    public AviMarker ClusterMarker => AviMarker.Of(AviMarker.ClusterNameKey, ClusterName);

    /// <summary>The clustername marker followed by the given ones, in the order AKO writes them.</summary>
    public EquatableArray<AviMarker> Markers(params AviMarker[] extra) => new[] { ClusterMarker }.Concat(extra).ToEquatableArray();

    public bool Owns(AviObjectSpec spec) => Owns(spec.Meta.CreatedBy, spec.Meta.Markers, spec.Name);

    public bool Owns(string? createdBy, IEnumerable<AviMarker> markers, string name) =>
        createdBy == CreatedBy ||
        markers.Any(m => m.Key == AviMarker.ClusterNameKey && m.Values.Contains(ClusterName)) ||
        (createdBy is null && name.StartsWith(NamePrefix, StringComparison.Ordinal));
}
