using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>The bookkeeping fields every managed object carries: owner, markers and the JSON pointer back to Kubernetes.</summary>
/// <param name="CreatedBy">null for types without the field (vsvip, vrfcontext).</param>
/// <param name="ServiceMetadata">A JSON string the controller stores opaquely; null when the type has none.</param>
public sealed record AviObjectMeta(string? CreatedBy, EquatableArray<AviMarker> Markers, string? ServiceMetadata)
{
    public static AviObjectMeta None { get; } = new(null, EquatableArray<AviMarker>.Empty, null);
}
