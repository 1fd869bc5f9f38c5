namespace AkoActors.Domain.Avi;

/// <summary>The analytics profile a controller gives every VS and pool that names none, and shows on it when read back (its
/// recorded objects all carry it): naming it is the same as naming none. Readers and translations both fold it to none, so a
/// tree that names none is not rewritten on every pass against a controller that fills it in.</summary>
public static class AnalyticsProfiles
{
    public const string ControllerDefault = "System-Analytics-Profile";

    /// <summary>The profile as a tree compares it: none for the controller's default.</summary>
    public static string? OrNone(string? name) => name == ControllerDefault ? null : name;
}
