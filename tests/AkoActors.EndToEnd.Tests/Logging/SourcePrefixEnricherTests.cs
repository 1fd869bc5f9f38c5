using AkoActors.Hosting;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AkoActors.EndToEnd.Tests.Logging;

/// <summary>The readable console line names its source once: an owner's lines begin with their own name already.</summary>
public sealed class SourcePrefixEnricherTests
{
    private sealed class Collected : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private static string Prefix(Action<ILogger> log)
    {
        var sink = new Collected();
        using (var logger = new LoggerConfiguration().Enrich.With<SourcePrefixEnricher>().WriteTo.Sink(sink).CreateLogger())
        {
            log(logger);
        }
        return ((ScalarValue)Assert.Single(sink.Events).Properties[SourcePrefixEnricher.PropertyName]).Value as string ?? "";
    }

    [Fact]
    public void A_message_that_begins_with_its_source_gets_no_prefix()
    {
        Assert.Equal("", Prefix(log => log.ForContext(Constants.SourceContextPropertyName, "Service default/nginx1")
            .Information("{Owner}: applying {OperationCount} Avi operation(s)", "Service default/nginx1", 1)));
    }

    [Fact]
    public void A_message_that_does_not_begin_with_its_source_is_prefixed_with_it()
    {
        Assert.Equal("Vrf admin/global: ", Prefix(log => log.ForContext(Constants.SourceContextPropertyName, "Vrf admin/global")
            .Information("{Owner}: wrote {Routes} route(s)", "Service default/other", 3)));
        Assert.Equal("Informer.secrets: ", Prefix(log => log.ForContext(Constants.SourceContextPropertyName, "Informer.secrets")
            .Information("listed {Count} Secrets", 4)));
    }

    [Fact]
    public void A_line_without_a_source_has_no_prefix()
    {
        Assert.Equal("", Prefix(log => log.Information("started")));
    }
}
