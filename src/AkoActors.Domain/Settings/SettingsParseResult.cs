namespace AkoActors.Domain.Settings;

/// <summary>The outcome of parsing settings: the settings when every value was acceptable, else the errors.</summary>
public sealed record SettingsParseResult(AkoSettings? Settings, IReadOnlyList<SettingsError> Errors)
{
    public bool IsValid => Settings is not null;

    /// <summary>One message naming every AKO setting that is set but not applied, and what happens instead; null when none.</summary>
    public string? UnsupportedWarning { get; init; }
}
