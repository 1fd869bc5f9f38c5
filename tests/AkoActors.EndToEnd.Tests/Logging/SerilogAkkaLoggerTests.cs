using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.DependencyInjection;
using Akka.Event;
using AkoActors.Hosting;
using AkoActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using LogEvent = Serilog.Events.LogEvent;
using Serilog.Formatting.Compact;

namespace AkoActors.EndToEnd.Tests.Logging;

/// <summary>How an actor logs so a line names its entity and keeps named properties: a logger whose log source is the
/// entity (<c>Akka.Event.Logging.GetLogger(Context.System, "Service default/nginx1")</c>) and a message template with named holes.
/// The replica's <see cref="SerilogAkkaLogger"/> turns that into SourceContext and properties.</summary>
public sealed class SerilogAkkaLoggerTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<LogEvent> _events = new();
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        var logger = new LoggerConfiguration().MinimumLevel.Debug().Enrich.WithProperty("Replica", "r-0").WriteTo.Sink(new Collect(_events)).CreateLogger();
        var services = new ServiceCollection().AddSingleton(new ReplicaLogger(logger)).BuildServiceProvider();
        var config = ConfigurationFactory.ParseString("""
            akka.loglevel = DEBUG
            akka.stdout-loglevel = OFF
            akka.loggers = ["AkoActors.Hosting.SerilogAkkaLogger, AkoActors"]
            """);
        _system = ActorSystem.Create("log-bridge", BootstrapSetup.Create().WithConfig(config).And(DependencyResolverSetup.Create(services)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task An_entity_logger_with_a_named_template_gives_the_entity_as_source_context_and_named_properties()
    {
        var actor = _system.ActorOf(Props.Create(() => new EntityActor("default/nginx1")), "svc-default-nginx1");
        actor.Tell("409");

        var logged = await Eventually.GetAsync(() => Task.FromResult(_events.FirstOrDefault(e => e.Properties.ContainsKey("AviStatus"))),
            "the actor's log event in Serilog");

        Assert.Equal("Service {Service}: Avi answered {AviStatus}", logged.MessageTemplate.Text);
        Assert.Equal("\"Service default/nginx1\"", logged.Properties["SourceContext"].ToString());
        Assert.Equal("\"default/nginx1\"", logged.Properties["Service"].ToString());
        Assert.Equal("409", logged.Properties["AviStatus"].ToString());
        Assert.Equal("\"r-0\"", logged.Properties["Replica"].ToString());
        Assert.Equal(LogEventLevel.Warning, logged.Level);

        var json = new StringWriter();
        new CompactJsonFormatter().Format(logged, json);
        Assert.Contains("\"SourceContext\":\"Service default/nginx1\"", json.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"AviStatus\":409", json.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_positional_template_from_akka_itself_still_arrives_with_its_source()
    {
        Akka.Event.Logging.GetLogger(_system, "Cluster(akka://log-bridge)").Info("Node [{0}] is {1}", "akka.tcp://a@127.0.0.1:1", "Up");

        var logged = await Eventually.GetAsync(() => Task.FromResult(_events.FirstOrDefault(e => e.MessageTemplate.Text == "Node [{0}] is {1}")),
            "Akka's own positional log line");
        Assert.Equal("\"Cluster(akka://log-bridge)\"", logged.Properties["SourceContext"].ToString());
        Assert.Equal("Node [\"akka.tcp://a@127.0.0.1:1\"] is \"Up\"", logged.RenderMessage());
    }

    /// <summary>The recipe: the entity names itself as the log source once, and every line uses named holes.</summary>
    private sealed class EntityActor : ReceiveActor
    {
        private readonly ILoggingAdapter _log;

        public EntityActor(string service)
        {
            _log = Akka.Event.Logging.GetLogger(Context.System, $"Service {service}");
            Receive<string>(status => _log.Warning("Service {Service}: Avi answered {AviStatus}", service, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private sealed class Collect(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}
