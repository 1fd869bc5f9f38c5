using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace AkoActors.Hosting;

/// <summary>The replica's Serilog logger: readable console lines by default, compact JSON when asked, every line tagged with the replica.</summary>
public static class ControllerLogging
{
    /// <param name="level">Controls the minimum level afterwards (AKOSettings.logLevel is live).</param>
    public static Serilog.ILogger Create(LoggingLevelSwitch level, bool json, string replicaId)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            // The web host's own request logging is noise next to the controller's.
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting", LogEventLevel.Warning)
            .Enrich.WithProperty("Replica", replicaId)
            .Enrich.FromLogContext();
        configuration = json
            ? configuration.WriteTo.Console(new CompactJsonFormatter())
            : configuration.Enrich.With<SourcePrefixEnricher>()
                .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Replica} {" + SourcePrefixEnricher.PropertyName + ":l}{Message:lj}{NewLine}{Exception}");
        return configuration.CreateLogger();
    }

    /// <summary>AKO's level names (DEBUG, INFO, WARN, ERROR) as Serilog levels.</summary>
    public static LogEventLevel LevelOf(string logLevel) => logLevel.ToUpperInvariant() switch
    {
        "DEBUG" => LogEventLevel.Debug,
        "WARN" or "WARNING" => LogEventLevel.Warning,
        "ERROR" => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };

    public static string NameOf(LogEventLevel level) => level switch
    {
        LogEventLevel.Debug or LogEventLevel.Verbose => "DEBUG",
        LogEventLevel.Warning => "WARN",
        LogEventLevel.Error or LogEventLevel.Fatal => "ERROR",
        _ => "INFO",
    };
}
