using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Selectors;

namespace AkoActors.KubeSim.Tables;

/// <summary>Deployments (NAME READY UP-TO-DATE AVAILABLE AGE) and ReplicaSets (NAME DESIRED CURRENT READY AGE), with CONTAINERS IMAGES SELECTOR in wide output.</summary>
public sealed class WorkloadPrinter : ITablePrinter
{
    private readonly bool _deployment;

    /// <summary>Creates the printer for Deployments (true) or ReplicaSets (false).</summary>
    public WorkloadPrinter(bool deployment)
    {
        _deployment = deployment;
        Columns = deployment
            ? [new("Name", Format: "name"), new("Ready"), new("Up-to-date", "integer"), new("Available", "integer"), new("Age"), new("Containers", Priority: 1), new("Images", Priority: 1), new("Selector", Priority: 1)]
            : [new("Name", Format: "name"), new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), new("Age"), new("Containers", Priority: 1), new("Images", Priority: 1), new("Selector", Priority: 1)];
    }

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var containers = obj.ArrayAt("spec", "template", "spec", "containers").ToList();
        var names = string.Join(",", containers.Select(c => c.StringAt("name")));
        var images = string.Join(",", containers.Select(c => c.StringAt("image")));
        var selector = LabelSelector.FromObject(obj.At("spec", "selector")).ToString();
        var desired = obj.LongAt("spec", "replicas") ?? 0;
        var ready = obj.LongAt("status", "readyReplicas") ?? 0;
        var age = HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now);
        return _deployment
            ? [obj.StringAt("metadata", "name"), $"{ready}/{desired}", obj.LongAt("status", "updatedReplicas") ?? 0, obj.LongAt("status", "availableReplicas") ?? 0, age, names, images, selector]
            : [obj.StringAt("metadata", "name"), desired, obj.LongAt("status", "replicas") ?? 0, ready, age, names, images, selector];
    }
}
