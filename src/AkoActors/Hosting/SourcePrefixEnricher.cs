using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace AkoActors.Hosting;

/// <summary>The readable console line's prefix (<c>Source</c>): the entity that logged it, followed by ": " — left out when
/// the message already begins with that name (an owner's lines start with <c>{Owner}</c>, which is its source), so a line
/// reads "Service default/nginx1: applying …" and not the name twice. JSON lines keep both properties.</summary>
public sealed class SourcePrefixEnricher : ILogEventEnricher
{
    public const string PropertyName = "Source";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var source = logEvent.Properties.TryGetValue(Constants.SourceContextPropertyName, out var context) && context is ScalarValue { Value: string name }
            ? name
            : null;
        var prefix = source is null || BeginsWith(logEvent, source) ? string.Empty : source + ": ";
        logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty(PropertyName, prefix));
    }

    private static bool BeginsWith(LogEvent logEvent, string source) =>
        logEvent.MessageTemplate.Tokens.FirstOrDefault() is PropertyToken first &&
        logEvent.Properties.TryGetValue(first.PropertyName, out var value) && value is ScalarValue { Value: string named } && named == source;
}
