using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>
/// Custom resources: NAME, then the CRD version's <c>additionalPrinterColumns</c> (or AGE when it declares none), each
/// cell read with the column's JSONPath and <c>date</c> columns shown as an age, as the apiextensions server prints them.
/// </summary>
public sealed class CustomColumnsPrinter : ITablePrinter
{
    private static readonly JsonObject AgeColumn = new() { ["name"] = "Age", ["type"] = "date", ["jsonPath"] = ".metadata.creationTimestamp" };
    private readonly IReadOnlyList<JsonObject> _columns;

    /// <summary>Creates the printer of one CRD version's columns.</summary>
    public CustomColumnsPrinter(IReadOnlyList<JsonObject> columns)
    {
        _columns = columns.Count == 0 ? [AgeColumn] : columns;
        Columns =
        [
            new("Name", Format: "name"),
            .. _columns.Select(c => new TableColumn(c.StringAt("name") ?? string.Empty, c.StringAt("type") ?? "string", c.StringAt("format") ?? string.Empty, (int)(c.LongAt("priority") ?? 0), c.StringAt("description") ?? string.Empty)),
        ];
    }

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [obj.StringAt("metadata", "name"), .. _columns.Select(c => Cell(obj, c, now))];

    private static JsonNode? Cell(JsonObject obj, JsonObject column, DateTimeOffset now)
    {
        var values = SimpleJsonPath.Evaluate(obj, column.StringAt("jsonPath") ?? string.Empty);
        if (values.Count == 0)
        {
            return null;
        }
        if (column.StringAt("type") == "date")
        {
            return HumanAge.Since(values[0]?.GetValueKind() == JsonValueKind.String ? values[0]!.GetValue<string>() : null, now);
        }
        if (values.Count == 1 && values[0] is JsonValue single)
        {
            return single.DeepClone();
        }
        return string.Join(",", values.Select(v => v is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : v?.ToJsonString()));
    }
}
