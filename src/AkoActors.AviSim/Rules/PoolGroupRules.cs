using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>Poolgroup defaults and the member shape check; a missing member pool is refused earlier, by the
/// ref resolver, with the controller's 404 "Pool object not found!".</summary>
internal sealed class PoolGroupRules : ObjectRules
{
    public override string TypeName => "poolgroup";

    public override void Prepare(WriteContext context)
    {
        var document = context.Document;
        document["implicit_priority_labels"] ??= false;
        document["min_servers"] ??= 0;
        if (document["members"] is not JsonArray members)
        {
            return;
        }
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] is not JsonObject member || member["pool_ref"] is null)
            {
                throw AviRequestException.BadRequest($"Field 'members[{i}]' must be an object with pool_ref");
            }
            member["ratio"] ??= 1;
        }
    }
}
