using AkoActors.Avi.Errors;

namespace AkoActors.Actors.Avi;

/// <summary>Recognises the controller refusing a tenant outright, so an owner goes back to where its tree was instead of
/// retrying a read that can never succeed.</summary>
public static class TenantRefusal
{
    /// <summary>A tenant that does not exist on the controller (400 "Tenant '…' does not exist") or that this user has no
    /// role in (403).</summary>
    public static bool Is(AviError error) =>
        error.Status == 403 ||
        (error.Status == 400 && error.Message.Contains("Tenant", StringComparison.OrdinalIgnoreCase) &&
         error.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase));
}
