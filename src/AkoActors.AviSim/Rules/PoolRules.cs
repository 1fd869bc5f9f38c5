using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>Pool defaults a controller fills (algorithm, enabled, per-server ratio/enabled/hostname) and the
/// check that every server has an address.</summary>
internal sealed class PoolRules : ObjectRules
{
    public override string TypeName => "pool";

    public override void Prepare(WriteContext context)
    {
        var document = context.Document;
        document["lb_algorithm"] ??= "LB_ALGORITHM_LEAST_CONNECTIONS";
        document["enabled"] ??= true;
        document["default_server_port"] ??= 80;
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
}
