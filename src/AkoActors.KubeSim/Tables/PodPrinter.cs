using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>Pods: NAME READY STATUS RESTARTS AGE [IP NODE NOMINATED NODE READINESS GATES].</summary>
public sealed class PodPrinter : ITablePrinter
{
    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Ready"), new("Status"), new("Restarts", "string"), new("Age"),
        new("IP", Priority: 1), new("Node", Priority: 1), new("Nominated Node", Priority: 1), new("Readiness Gates", Priority: 1),
    ];

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var containers = obj.ArrayAt("spec", "containers").Count();
        var statuses = obj.ArrayAt("status", "containerStatuses").ToList();
        var ready = statuses.Count(s => s.BoolAt("ready") == true);
        var restarts = statuses.Sum(s => s.LongAt("restartCount") ?? 0);
        var reason = obj.StringAt("status", "reason") ?? obj.StringAt("status", "phase") ?? "Unknown";
        var waiting = statuses.Select(s => s.StringAt("state", "waiting", "reason")).OfType<string>().FirstOrDefault();
        if (waiting is not null && reason == "Pending")
        {
            reason = waiting;
        }
        if (obj.StringAt("metadata", "deletionTimestamp") is not null)
        {
            reason = "Terminating";
        }
        var gates = obj.ArrayAt("spec", "readinessGates").Count();
        return
        [
            obj.StringAt("metadata", "name"),
            $"{ready}/{containers}",
            reason,
            restarts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now),
            obj.StringAt("status", "podIP") ?? "<none>",
            obj.StringAt("spec", "nodeName") ?? "<none>",
            obj.StringAt("status", "nominatedNodeName") ?? "<none>",
            gates == 0 ? "<none>" : $"0/{gates}",
        ];
    }
}
