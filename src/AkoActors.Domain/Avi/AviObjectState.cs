namespace AkoActors.Domain.Avi;

/// <summary>An object as it exists on the controller: its managed fields, uuid and <c>_last_modified</c> stamp.</summary>
public sealed record AviObjectState(AviObjectSpec Spec, string Uuid, string? LastModified)
{
    public AviRef Ref => Spec.Ref;
}
