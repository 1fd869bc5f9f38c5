using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>Ingresses: NAME CLASS HOSTS ADDRESS PORTS AGE.</summary>
public sealed class IngressPrinter : ITablePrinter
{
    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; } =
        [new("Name", Format: "name"), new("Class"), new("Hosts"), new("Address"), new("Ports"), new("Age")];

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var hosts = obj.ArrayAt("spec", "rules").Select(r => r.StringAt("host")).OfType<string>().Where(h => h.Length > 0).ToList();
        var hostText = hosts.Count switch
        {
            0 => "*",
            > 4 => string.Join(",", hosts.Take(4)) + $" + {hosts.Count - 4} more...",
            _ => string.Join(",", hosts),
        };
        var addresses = obj.ArrayAt("status", "loadBalancer", "ingress").Select(i => i.StringAt("ip") ?? i.StringAt("hostname")).OfType<string>().Distinct().ToList();
        return
        [
            obj.StringAt("metadata", "name"),
            obj.StringAt("spec", "ingressClassName") ?? "<none>",
            hostText,
            string.Join(",", addresses),
            obj.ArrayAt("spec", "tls").Any() ? "80, 443" : "80",
            HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now),
        ];
    }
}
