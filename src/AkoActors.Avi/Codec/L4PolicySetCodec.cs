using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Codec;

/// <summary>l4policyset: one rule per port+protocol selecting a pool.</summary>
public sealed class L4PolicySetCodec : IAviSpecCodec
{
    public string Type => AviObjectTypes.L4PolicySet;

    public JsonObject Write(AviObjectSpec spec, JsonObject? existing)
    {
        var set = (L4PolicySetSpec)spec;
        var json = existing?.DeepClone().AsObject() ?? [];
        json["name"] = set.Name;
        var rules = set.Rules.Select((rule, index) => (JsonNode?)new JsonObject
        {
            ["name"] = rule.PoolName,
            ["index"] = index,
            ["enable"] = true,
            ["match"] = new JsonObject
            {
                ["port"] = new JsonObject { ["match_criteria"] = "IS_IN", ["ports"] = new JsonArray(rule.Port) },
                ["protocol"] = new JsonObject { ["match_criteria"] = "IS_IN", ["protocol"] = "PROTOCOL_" + rule.Protocol },
            },
            ["action"] = new JsonObject
            {
                ["select_pool"] = new JsonObject
                {
                    ["action_type"] = "L4_RULE_ACTION_SELECT_POOL",
                    ["pool_ref"] = AviRefs.ByName(AviObjectTypes.Pool, rule.PoolName),
                },
            },
        });
        json["l4_connection_policy"] = new JsonObject { ["rules"] = new JsonArray(rules.ToArray()) };
        JsonWrite.Meta(json, set.Meta);
        return json;
    }

    public AviObjectSpec Read(JsonObject json)
    {
        var rules = JsonRead.Objects(json["l4_connection_policy"]?["rules"])
            .OrderBy(r => JsonRead.Int(r["index"]) ?? 0)
            .Select(r => new L4PoolRule(
                JsonRead.Int((r["match"]?["port"]?["ports"] as JsonArray)?.FirstOrDefault()) ?? 0,
                (JsonRead.String(r["match"]?["protocol"]?["protocol"]) ?? string.Empty).Replace("PROTOCOL_", string.Empty, StringComparison.Ordinal),
                AviRefs.NameOf(JsonRead.String(r["action"]?["select_pool"]?["pool_ref"])) ?? string.Empty));
        return new L4PolicySetSpec(JsonRead.String(json, "name") ?? string.Empty, rules.ToEquatableArray(), JsonRead.Meta(json, hasServiceMetadata: false));
    }
}
