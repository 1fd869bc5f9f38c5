using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>Events (stored form): LAST SEEN TYPE REASON OBJECT MESSAGE, plus SUBOBJECT SOURCE FIRST SEEN COUNT NAME in wide output.</summary>
public sealed class EventPrinter : ITablePrinter
{
    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen"), new("Type"), new("Reason"), new("Object"), new("Subobject", Priority: 1), new("Source", Priority: 1),
        new("Message"), new("First Seen", Priority: 1), new("Count", "integer", Priority: 1), new("Name", Format: "name", Priority: 1),
    ];

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var involved = obj.ObjectAt("involvedObject") ?? obj.ObjectAt("regarding");
        var last = obj.StringAt("lastTimestamp") ?? obj.StringAt("deprecatedLastTimestamp") ?? obj.StringAt("eventTime") ?? obj.StringAt("metadata", "creationTimestamp");
        var first = obj.StringAt("firstTimestamp") ?? obj.StringAt("deprecatedFirstTimestamp") ?? obj.StringAt("eventTime") ?? obj.StringAt("metadata", "creationTimestamp");
        var source = obj.StringAt("source", "component") ?? obj.StringAt("reportingComponent") ?? obj.StringAt("reportingController") ?? string.Empty;
        return
        [
            HumanAge.Since(last, now),
            obj.StringAt("type") ?? string.Empty,
            obj.StringAt("reason") ?? string.Empty,
            $"{involved.StringAt("kind")?.ToLowerInvariant()}/{involved.StringAt("name")}",
            involved.StringAt("fieldPath") ?? string.Empty,
            source,
            (obj.StringAt("message") ?? obj.StringAt("note") ?? string.Empty).Trim(),
            HumanAge.Since(first, now),
            obj.LongAt("count") ?? obj.LongAt("deprecatedCount") ?? 1,
            obj.StringAt("metadata", "name"),
        ];
    }
}
