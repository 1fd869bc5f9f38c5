using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>Pool defaults a controller fills (algorithm, enabled, per-server ratio/enabled/hostname), the check that
/// every server has an address, and that every placement network names a network and a subnet.</summary>
internal sealed class PoolRules : ObjectRules
{
    public override string TypeName => "pool";

    public override void Prepare(WriteContext context)
    {
        var document = context.Document;
        document["lb_algorithm"] ??= "LB_ALGORITHM_LEAST_CONNECTIONS";
        document["enabled"] ??= true;
        document["default_server_port"] ??= 80;
        CheckPlacementNetworks(document);
        if (document["min_servers_up"] is { } minimum && (!minimum.AsValue().TryGetValue<int>(out var minimumUp) || minimumUp < 0))
        {
            throw AviRequestException.BadRequest($"Field 'min_servers_up' must be a non-negative integer, got {minimum.ToJsonString()}");
        }
        if (document["servers"] is not JsonArray servers)
        {
            return;
        }
        for (var i = 0; i < servers.Count; i++)
        {
            if (servers[i] is not JsonObject server || server["ip"] is not JsonObject ip)
            {
                throw AviRequestException.BadRequest($"Field 'servers[{i}]' must be an object with ip {{addr, type}}");
            }
            ip["type"] ??= ip["addr"]!.GetValue<string>().Contains(':') ? "V6" : "V4";
            server["ratio"] ??= 1;
            server["enabled"] ??= true;
            server["hostname"] ??= ip["addr"]!.GetValue<string>();
        }
    }

    /// <summary>As the controller's PlacementNetwork model: <c>network_ref</c> and <c>subnet</c> are both required (the ref
    /// must name an existing network, checked with every other ref; the prefix is checked like every other prefix).</summary>
    private static void CheckPlacementNetworks(JsonObject document)
    {
        if (document["placement_networks"] is not JsonArray placements)
        {
            return;
        }
        for (var i = 0; i < placements.Count; i++)
        {
            if (placements[i] is not JsonObject placement)
            {
                throw AviRequestException.BadRequest($"Field 'placement_networks[{i}]' must be an object {{network_ref, subnet}}");
            }
            if (placement["network_ref"] is not JsonValue networkRef || networkRef.GetValueKind() != JsonValueKind.String || networkRef.GetValue<string>().Length == 0)
            {
                throw AviRequestException.BadRequest($"Field 'placement_networks[{i}].network_ref' is required");
            }
            if (placement["subnet"] is not JsonObject subnet || subnet["ip_addr"] is not JsonObject || subnet["mask"] is null)
            {
                throw AviRequestException.BadRequest($"Field 'placement_networks[{i}].subnet' is required: {{ip_addr: {{addr, type}}, mask}}");
            }
        }
    }
}
