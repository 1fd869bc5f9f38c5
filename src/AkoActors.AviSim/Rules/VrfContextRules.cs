using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>VRF static routes are stored exactly as given, once each has a unique route_id, a prefix and a
/// next hop of the same address family.</summary>
internal sealed class VrfContextRules : ObjectRules
{
    public override string TypeName => "vrfcontext";

    public override void Prepare(WriteContext context)
    {
        if (context.Document["static_routes"] is not JsonArray routes)
        {
            return;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < routes.Count; i++)
        {
            var path = $"static_routes[{i}]";
            if (routes[i] is not JsonObject route)
            {
                throw AviRequestException.BadRequest($"Field '{path}' must be an object");
            }
            if (route["route_id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var routeId) || routeId.Length == 0)
            {
                throw AviRequestException.BadRequest($"Field '{path}.route_id' must be a non-empty string");
            }
            if (!ids.Add(routeId))
            {
                throw AviRequestException.BadRequest($"Duplicate route_id '{routeId}' in static_routes");
            }
            if (route["prefix"] is not JsonObject prefix || prefix["ip_addr"] is null)
            {
                throw AviRequestException.BadRequest($"Field '{path}.prefix' must be an object {{ip_addr, mask}}");
            }
            if (route["next_hop"] is not JsonObject nextHop || nextHop["addr"] is null)
            {
                throw AviRequestException.BadRequest($"Field '{path}.next_hop' must be an object {{addr, type}}");
            }
            var prefixFamily = IPAddress.Parse(prefix["ip_addr"]!["addr"]!.GetValue<string>()).AddressFamily;
            var hopFamily = IPAddress.Parse(nextHop["addr"]!.GetValue<string>()).AddressFamily;
            if (prefixFamily != hopFamily)
            {
                throw AviRequestException.BadRequest($"Field '{path}': prefix and next_hop are of different address families");
            }
        }
    }
}
