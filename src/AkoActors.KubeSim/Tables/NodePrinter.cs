using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>Nodes: NAME STATUS ROLES AGE VERSION [INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME].</summary>
public sealed class NodePrinter : ITablePrinter
{
    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Status"), new("Roles"), new("Age"), new("Version"),
        new("Internal-IP", Priority: 1), new("External-IP", Priority: 1), new("OS-Image", Priority: 1), new("Kernel-Version", Priority: 1), new("Container-Runtime", Priority: 1),
    ];

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var ready = obj.ArrayAt("status", "conditions").FirstOrDefault(c => c.StringAt("type") == "Ready");
        var status = ready?.StringAt("status") switch
        {
            "True" => "Ready",
            "False" => "NotReady",
            _ => "Unknown",
        };
        if (obj.BoolAt("spec", "unschedulable") == true)
        {
            status += ",SchedulingDisabled";
        }
        const string rolePrefix = "node-role.kubernetes.io/";
        var roles = obj.StringMapAt("metadata", "labels").Keys.Where(k => k.StartsWith(rolePrefix, StringComparison.Ordinal)).Select(k => k[rolePrefix.Length..]).Order(StringComparer.Ordinal).ToList();
        string Address(string type) => obj.ArrayAt("status", "addresses").FirstOrDefault(a => a.StringAt("type") == type).StringAt("address") ?? "<none>";
        return
        [
            obj.StringAt("metadata", "name"),
            status,
            roles.Count == 0 ? "<none>" : string.Join(",", roles),
            HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now),
            obj.StringAt("status", "nodeInfo", "kubeletVersion") ?? string.Empty,
            Address("InternalIP"),
            Address("ExternalIP"),
            obj.StringAt("status", "nodeInfo", "osImage") ?? "<unknown>",
            obj.StringAt("status", "nodeInfo", "kernelVersion") ?? "<unknown>",
            obj.StringAt("status", "nodeInfo", "containerRuntimeVersion") ?? "<unknown>",
        ];
    }
}
