using System.CommandLine;

namespace AkoActors.Configuration;

/// <summary>Option shapes the controller's executables (host, demo, benchmark) declare alike, so a port is checked the same
/// way everywhere.</summary>
public static class CommandLineOptions
{
    /// <summary>A TCP port option, 0-65535 (0 = let the system pick), with its default shown in <c>--help</c>.</summary>
    public static Option<int> Port(string name, string description, int fallback)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "PORT", DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535) result.AddError($"{name} must be a port number 0-65535");
        });
        return option;
    }

    /// <summary>AKO's log levels, as AKOSettings.logLevel spells them.</summary>
    public static Option<string> LogLevel(string name, string fallback)
    {
        var option = new Option<string>(name) { Description = "DEBUG, INFO, WARN or ERROR", HelpName = "LEVEL", DefaultValueFactory = _ => fallback };
        option.AcceptOnlyFromAmong("DEBUG", "INFO", "WARN", "ERROR");
        return option;
    }
}
