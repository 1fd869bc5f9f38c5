using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Dispatch;
using Akka.Event;
using Serilog.Core;
using LogEventLevel = Serilog.Events.LogEventLevel;


namespace AkoActors.Hosting;

/// <summary>Akka's logger for one replica: each Akka log event goes to that replica's Serilog logger with its message
/// template and arguments (so <c>{Service}</c> becomes a named property, as in every other log line of the replica) and
/// with its log source as <c>SourceContext</c>, so a line names the entity that logged it rather than the actor system.</summary>
/// <remarks>Unlike Akka.Logger.Serilog, it writes to the logger the replica's DI container holds instead of the global
/// <c>Serilog.Log.Logger</c>, so replicas hosted in one process (tests, benchmarks) keep their own <c>Replica</c> tag.</remarks>
public sealed class SerilogAkkaLogger : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly Serilog.ILogger _logger;

    public SerilogAkkaLogger()
    {
        _logger = DependencyResolver.For(Context.System).Resolver.GetService<ReplicaLogger>().Logger;
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent logEvent:
                Write(logEvent);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Akka appends " (akka://system)" to a log source given as a name (<c>Logging.GetLogger(system, "Service
    /// default/nginx1")</c>); the replica is already on every line, so the entity's name stands alone.</summary>
    private string SourceOf(string logSource)
    {
        var suffix = $" ({Context.System})";
        return logSource.EndsWith(suffix, StringComparison.Ordinal) ? logSource[..^suffix.Length] : logSource;
    }

    private void Write(LogEvent logEvent)
    {
        var level = logEvent.LogLevel() switch
        {
            Akka.Event.LogLevel.DebugLevel => LogEventLevel.Debug,
            Akka.Event.LogLevel.WarningLevel => LogEventLevel.Warning,
            Akka.Event.LogLevel.ErrorLevel => LogEventLevel.Error,
            _ => LogEventLevel.Information,
        };
        if (!_logger.IsEnabled(level)) return;
        var logger = _logger.ForContext(Constants.SourceContextPropertyName, SourceOf(logEvent.LogSource));
        if (logEvent.Message is LogMessage template)
        {
            logger.Write(level, logEvent.Cause, template.Format, template.Parameters().ToArray());
        }
        else
        {
            logger.Write(level, logEvent.Cause, "{Message:l}", logEvent.Message?.ToString());
        }
    }
}
