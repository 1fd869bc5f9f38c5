using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Tables;

/// <summary>Endpoints (NAME ENDPOINTS AGE) and EndpointSlices (NAME ADDRESSTYPE PORTS ENDPOINTS AGE), endpoint lists cut after three like kubectl.</summary>
public sealed class EndpointsPrinter : ITablePrinter
{
    private readonly bool _slices;

    /// <summary>Creates the printer for EndpointSlices (true) or Endpoints (false).</summary>
    public EndpointsPrinter(bool slices)
    {
        _slices = slices;
        Columns = slices
            ? [new("Name", Format: "name"), new("AddressType"), new("Ports"), new("Endpoints"), new("Age")]
            : [new("Name", Format: "name"), new("Endpoints"), new("Age")];
    }

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <inheritdoc />
    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var age = HumanAge.Since(obj.StringAt("metadata", "creationTimestamp"), now);
        if (_slices)
        {
            var ports = obj.ArrayAt("ports").Select(p => p.LongAt("port")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "<unset>").ToList();
            var addresses = obj.ArrayAt("endpoints").SelectMany(e => e.ArrayAt("addresses")).Select(a => a?.GetValue<string>() ?? string.Empty).ToList();
            return [obj.StringAt("metadata", "name"), obj.StringAt("addressType"), ports.Count == 0 ? "<unset>" : string.Join(",", ports), Cut(addresses), age];
        }
        var list = new List<string>();
        foreach (var subset in obj.ArrayAt("subsets"))
        {
            var subsetPorts = subset.ArrayAt("ports").Select(p => p.LongAt("port")).ToList();
            foreach (var address in subset.ArrayAt("addresses"))
            {
                list.AddRange(subsetPorts.Count == 0 ? [address.StringAt("ip") ?? string.Empty] : subsetPorts.Select(p => $"{address.StringAt("ip")}:{p}"));
            }
        }
        return [obj.StringAt("metadata", "name"), Cut(list), age];
    }

    private static string Cut(List<string> items) => items.Count switch
    {
        0 => "<none>",
        > 3 => string.Join(",", items.Take(3)) + $" + {items.Count - 3} more...",
        _ => string.Join(",", items),
    };
}
