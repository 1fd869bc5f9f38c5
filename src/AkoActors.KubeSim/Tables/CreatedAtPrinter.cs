using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>NAME CREATED AT (the creation timestamp, not an age): how kube-apiserver prints Roles, ClusterRoles and CustomResourceDefinitions.</summary>
public sealed class CreatedAtPrinter : ITablePrinter
{
    /// <summary>The shared instance.</summary>
    public static CreatedAtPrinter Instance { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("Created At", "date")];

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) => [obj.StringAt("metadata", "name"), obj.StringAt("metadata", "creationTimestamp")];
}
