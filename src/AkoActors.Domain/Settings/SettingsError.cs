namespace AkoActors.Domain.Settings;

/// <summary>A refused setting: which key (as the user wrote it) and what is wrong or allowed.</summary>
public sealed record SettingsError(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
