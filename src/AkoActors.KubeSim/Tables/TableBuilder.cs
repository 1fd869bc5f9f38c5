using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Resources;

namespace AkoActors.KubeSim.Tables;

/// <summary>Builds meta.k8s.io/v1 Table responses (what <c>kubectl get</c> asks for) with each row's object metadata for kubectl's NAMESPACE and label columns.</summary>
public static class TableBuilder
{
    private static readonly Dictionary<string, ITablePrinter> Printers = new(StringComparer.Ordinal)
    {
        ["services"] = new ServicePrinter(),
        ["ingresses.networking.k8s.io"] = new IngressPrinter(),
        ["pods"] = new PodPrinter(),
        ["nodes"] = new NodePrinter(),
        ["deployments.apps"] = new WorkloadPrinter(deployment: true),
        ["replicasets.apps"] = new WorkloadPrinter(deployment: false),
        ["statefulsets.apps"] = new StatefulSetPrinter(),
        ["controllerrevisions.apps"] = SimplePrinter.ControllerRevisions,
        ["clusterroles.rbac.authorization.k8s.io"] = CreatedAtPrinter.Instance,
        ["roles.rbac.authorization.k8s.io"] = CreatedAtPrinter.Instance,
        ["clusterrolebindings.rbac.authorization.k8s.io"] = RoleBindingPrinter.Instance,
        ["rolebindings.rbac.authorization.k8s.io"] = RoleBindingPrinter.Instance,
        ["poddisruptionbudgets.policy"] = SimplePrinter.PodDisruptionBudgets,
        ["customresourcedefinitions.apiextensions.k8s.io"] = CreatedAtPrinter.Instance,
        ["endpoints"] = new EndpointsPrinter(slices: false),
        ["endpointslices.discovery.k8s.io"] = new EndpointsPrinter(slices: true),
        ["namespaces"] = SimplePrinter.Namespaces,
        ["ingressclasses.networking.k8s.io"] = SimplePrinter.IngressClasses,
        ["configmaps"] = SimplePrinter.ConfigMaps,
        ["secrets"] = SimplePrinter.Secrets,
        ["leases.coordination.k8s.io"] = SimplePrinter.Leases,
        ["events"] = new EventPrinter(),
    };

    /// <summary>The printer used for a resource.</summary>
    public static ITablePrinter PrinterFor(ResourceType type) =>
        type.Custom is { } custom ? new CustomColumnsPrinter(custom.PrinterColumns) : Printers.GetValueOrDefault(type.Storage) ?? new DefaultPrinter();

    /// <summary>A Table of the given objects; <paramref name="includeObject"/> is None, Metadata (default) or Object.</summary>
    public static JsonObject Build(ResourceType type, IEnumerable<JsonObject> objects, string? resourceVersion, string? continueToken, long? remaining, string? includeObject, DateTimeOffset now, bool withColumns = true)
    {
        var printer = PrinterFor(type);
        var metadata = new JsonObject();
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }
        if (remaining is not null)
        {
            metadata["remainingItemCount"] = remaining;
        }
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
        };
        if (withColumns)
        {
            table["columnDefinitions"] = new JsonArray(printer.Columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Description.Length > 0 ? c.Description : c.Name,
                ["priority"] = c.Priority,
            }).ToArray());
        }
        table["rows"] = new JsonArray(objects.Select(o => (JsonNode)Row(printer, o, includeObject, now)).ToArray());
        return table;
    }

    private static JsonObject Row(ITablePrinter printer, JsonObject obj, string? includeObject, DateTimeOffset now)
    {
        var row = new JsonObject { ["cells"] = new JsonArray(printer.Cells(obj, now).Select(c => c?.DeepClone()).ToArray()) };
        switch (includeObject)
        {
            case "None":
                break;
            case "Object":
                row["object"] = obj.CloneObject();
                break;
            default:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj.ObjectAt("metadata")?.DeepClone() ?? new JsonObject(),
                };
                break;
        }
        return row;
    }
}
