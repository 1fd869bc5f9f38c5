using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.Tables;

/// <summary>Turns objects of one kind into the rows kubectl prints, as kube-apiserver's printers do.</summary>
public interface ITablePrinter
{
    /// <summary>The columns, in order.</summary>
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The cells of one object's row (strings or integers), one per column.</summary>
    IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now);
}
