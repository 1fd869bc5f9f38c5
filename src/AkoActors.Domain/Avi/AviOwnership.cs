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

    /// <summary>The AviInfraSetting whose shared VSes these marks are for (AKO's <c>InfrasettingName</c> marker on every
    /// object of them); null for the controller's own shared VSes and for L4 trees.</summary>
    public string? InfraSetting { get; init; }

    /// <summary>The clustername marker followed by the given ones, in the order AKO writes them, and the infra setting's last.</summary>
    public EquatableArray<AviMarker> Markers(params AviMarker[] extra) =>
        new[] { ClusterMarker }.Concat(extra)
            .Concat(InfraSetting is { } setting ? [AviMarker.Of(AviMarker.InfraSettingNameKey, setting)] : Array.Empty<AviMarker>())
            .ToEquatableArray();

    /// <summary>The AviInfraSetting an object's markers say it belongs to; null when they name none.</summary>
    public static string? InfraSettingOf(AviObjectSpec spec) =>
        spec.Meta.Markers.FirstOrDefault(m => m.Key == AviMarker.InfraSettingNameKey)?.Values.FirstOrDefault();

    public bool Owns(AviObjectSpec spec) => Owns(spec.Meta.CreatedBy, spec.Meta.Markers, spec.Name);

    public bool Owns(string? createdBy, IEnumerable<AviMarker> markers, string name) =>
        createdBy == CreatedBy ||
        markers.Any(m => m.Key == AviMarker.ClusterNameKey && m.Values.Contains(ClusterName)) ||
        (createdBy is null && name.StartsWith(NamePrefix, StringComparison.Ordinal));
}
