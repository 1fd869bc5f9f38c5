using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>NAME and AGE, the table of kinds without a dedicated printer.</summary>
public sealed class DefaultPrinter : ITablePrinter
{
    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("Age", "date")];

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [obj.StringAt("metadata", "name"), HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now)];
}
