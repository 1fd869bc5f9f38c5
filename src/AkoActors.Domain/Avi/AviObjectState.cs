namespace AkoActors.Domain.Avi;

/// <summary>An object as it exists on the controller: its managed fields, uuid and <c>_last_modified</c> stamp.</summary>
/// <param name="RawJson">The object as the controller returned it, so an update can carry every field this controller does not
/// manage over unchanged; null when only the managed fields are known.</param>
/// <param name="Epoch">The owner epoch the object was last written with (the fencing token, see <c>OwnerEpoch</c> in the
/// Avi client); null when no AkoActors owner has written it (AKO-made, or older).</param>
public sealed record AviObjectState(AviObjectSpec Spec, string Uuid, string? LastModified, string? RawJson = null, long? Epoch = null)
{
    public AviRef Ref => Spec.Ref;
}
