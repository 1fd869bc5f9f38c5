using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>StatefulSets: NAME READY AGE, with CONTAINERS IMAGES in wide output, as kube-apiserver prints them.</summary>
public sealed class StatefulSetPrinter : ITablePrinter
{
    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("Ready"), new("Age"), new("Containers", Priority: 1), new("Images", Priority: 1)];

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var containers = obj.ArrayAt("spec", "template", "spec", "containers").ToList();
        return
        [
            obj.StringAt("metadata", "name"),
            $"{obj.LongAt("status", "readyReplicas") ?? 0}/{obj.LongAt("spec", "replicas") ?? 0}",
            HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now),
            string.Join(",", containers.Select(c => c.StringAt("name"))),
            string.Join(",", containers.Select(c => c.StringAt("image"))),
        ];
    }
}
