namespace AkoActors.Domain.Avi;

/// <summary>An object as it exists on the controller: its managed fields, uuid and <c>_last_modified</c> stamp.</summary>
/// <param name="RawJson">The object as the controller returned it, so an update can carry every field this controller does not
/// manage over unchanged; null when only the managed fields are known.</param>
public sealed record AviObjectState(AviObjectSpec Spec, string Uuid, string? LastModified, string? RawJson = null)
{
    public AviRef Ref => Spec.Ref;
}
