using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>Tables made of a name, a few computed cells and the age: namespaces, ingress classes, config maps, secrets, leases.</summary>
public sealed class SimplePrinter : ITablePrinter
{
    private readonly Func<JsonObject, JsonNode?[]> _middle;

    /// <summary>Creates a printer with the given middle columns and how to fill them.</summary>
    public SimplePrinter(IReadOnlyList<TableColumn> middle, Func<JsonObject, JsonNode?[]> cells)
    {
        Columns = [new("Name", Format: "name"), .. middle, new("Age")];
        _middle = cells;
    }

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [obj.StringAt("metadata", "name"), .. _middle(obj), HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now)];

    /// <summary>NAME STATUS AGE.</summary>
    public static SimplePrinter Namespaces { get; } = new([new("Status")], o => [o.StringAt("status", "phase") ?? "Active"]);

    /// <summary>NAME CONTROLLER PARAMETERS AGE.</summary>
    public static SimplePrinter IngressClasses { get; } = new([new("Controller"), new("Parameters")], o =>
        [o.StringAt("spec", "controller"), o.ObjectAt("spec", "parameters") is { } p ? $"{p.StringAt("kind")}/{p.StringAt("name")}" : "<none>"]);

    /// <summary>NAME DATA AGE.</summary>
    public static SimplePrinter ConfigMaps { get; } = new([new("Data", "integer")], o =>
        [(o.ObjectAt("data")?.Count ?? 0) + (o.ObjectAt("binaryData")?.Count ?? 0)]);

    /// <summary>NAME TYPE DATA AGE.</summary>
    public static SimplePrinter Secrets { get; } = new([new("Type"), new("Data", "integer")], o => [o.StringAt("type") ?? "Opaque", o.ObjectAt("data")?.Count ?? 0]);

    /// <summary>NAME HOLDER AGE.</summary>
    public static SimplePrinter Leases { get; } = new([new("Holder")], o => [o.StringAt("spec", "holderIdentity") ?? string.Empty]);

    /// <summary>NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE.</summary>
    public static SimplePrinter PodDisruptionBudgets { get; } = new([new("Min Available"), new("Max Unavailable"), new("Allowed Disruptions", "integer")], o =>
        [IntOrPercent(o["spec"]?["minAvailable"]), IntOrPercent(o["spec"]?["maxUnavailable"]), o.LongAt("status", "disruptionsAllowed") ?? 0]);

    private static string IntOrPercent(JsonNode? value) => value is null ? "N/A" : value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    /// <summary>NAME CONTROLLER REVISION AGE.</summary>
    public static SimplePrinter ControllerRevisions { get; } = new([new("Controller"), new("Revision", "integer")], o =>
        [o.ArrayAt("metadata", "ownerReferences").OfType<JsonObject>().FirstOrDefault(r => r.BoolAt("controller") == true) is { } owner
            ? $"{owner.StringAt("kind")!.ToLowerInvariant()}.{owner.StringAt("apiVersion")!.Split('/')[0]}/{owner.StringAt("name")}"
            : "<none>",
         o.LongAt("revision") ?? 0]);
}
