using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE [SELECTOR]; a LoadBalancer without status shows <c>&lt;pending&gt;</c>.</summary>
public sealed class ServicePrinter : ITablePrinter
{
    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Type"), new("Cluster-IP"), new("External-IP"), new("Port(s)"), new("Age"), new("Selector", Priority: 1),
    ];

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj.ObjectAt("spec");
        var type = spec.StringAt("type") ?? "ClusterIP";
        var clusterIp = type == "ExternalName" ? "<none>" : spec.StringAt("clusterIP") ?? "<none>";
        var ports = spec.ArrayAt("ports").Select(p =>
        {
            var port = p.LongAt("port");
            var protocol = p.StringAt("protocol") ?? "TCP";
            return p.LongAt("nodePort") is { } nodePort ? $"{port}:{nodePort}/{protocol}" : $"{port}/{protocol}";
        }).ToList();
        var selector = spec.StringMapAt("selector");
        return
        [
            obj.StringAt("metadata", "name"),
            type,
            clusterIp,
            ExternalIp(obj, type),
            ports.Count == 0 ? "<none>" : string.Join(",", ports),
            HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now),
            selector.Count == 0 ? "<none>" : string.Join(",", selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
        ];
    }

    private static string ExternalIp(JsonObject obj, string type)
    {
        var externalIps = obj.ArrayAt("spec", "externalIPs").Select(i => i?.GetValue<string>()).OfType<string>().ToList();
        switch (type)
        {
            case "ExternalName":
                return obj.StringAt("spec", "externalName") ?? "<none>";
            case "LoadBalancer":
                var ingress = obj.ArrayAt("status", "loadBalancer", "ingress").Select(i => i.StringAt("ip") ?? i.StringAt("hostname")).OfType<string>().ToList();
                var all = ingress.Concat(externalIps).ToList();
                return all.Count == 0 ? "<pending>" : string.Join(",", all);
            default:
                return externalIps.Count == 0 ? "<none>" : string.Join(",", externalIps);
        }
    }
}
