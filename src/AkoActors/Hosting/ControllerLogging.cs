using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace AkoActors.Hosting;

/// <summary>The replica's Serilog logger: readable console lines by default, compact JSON when asked, every line tagged with the replica.</summary>
public static class ControllerLogging
{
    public static Serilog.ILogger Create(string logLevel, bool json, string replicaId)
    {
        var level = logLevel.ToUpperInvariant() switch
        {
            "DEBUG" => LogEventLevel.Debug,
            "WARN" or "WARNING" => LogEventLevel.Warning,
            "ERROR" => LogEventLevel.Error,
            _ => LogEventLevel.Information,
        };
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            // The web host's own request logging is noise next to the controller's.
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting", LogEventLevel.Warning)
            .Enrich.WithProperty("Replica", replicaId)
            .Enrich.FromLogContext();
        configuration = json
            ? configuration.WriteTo.Console(new CompactJsonFormatter())
            : configuration.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Replica} {SourceContext}: {Message:lj}{NewLine}{Exception}");
        return configuration.CreateLogger();
    }
}
