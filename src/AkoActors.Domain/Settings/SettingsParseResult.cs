namespace AkoActors.Domain.Settings;

/// <summary>The outcome of parsing settings: the settings when every value was acceptable, else the errors.</summary>
public sealed record SettingsParseResult(AkoSettings? Settings, IReadOnlyList<SettingsError> Errors)
{
    public bool IsValid => Settings is not null;
}
