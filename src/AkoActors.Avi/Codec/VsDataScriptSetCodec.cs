using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Codec;

/// <summary>vsdatascriptset: AKO's per-shard pool selector (scripts, pool group and pool references, markers).</summary>
public sealed class VsDataScriptSetCodec : IAviSpecCodec
{
    public string Type => AviObjectTypes.VsDataScriptSet;

    public JsonObject Write(AviObjectSpec spec, JsonObject? existing)
    {
        var set = (VsDataScriptSetSpec)spec;
        var json = existing?.DeepClone().AsObject() ?? [];
        json["name"] = set.Name;
        json["datascript"] = new JsonArray(set.Scripts
            .Select(s => (JsonNode?)new JsonObject { ["evt"] = s.Event, ["script"] = s.Script })
            .ToArray());
        JsonWrite.Set(json, "pool_group_refs", set.PoolGroups.IsEmpty ? null : JsonWrite.Refs(AviObjectTypes.PoolGroup, set.PoolGroups));
        JsonWrite.Set(json, "pool_refs", set.Pools.IsEmpty ? null : JsonWrite.Refs(AviObjectTypes.Pool, set.Pools));
        JsonWrite.Meta(json, set.Meta);
        return json;
    }

    public AviObjectSpec Read(JsonObject json) =>
        new VsDataScriptSetSpec(
            JsonRead.String(json, "name") ?? string.Empty,
            JsonRead.Objects(json["datascript"])
                .Select(s => new DataScript(JsonRead.String(s, "evt") ?? string.Empty, JsonRead.String(s, "script") ?? string.Empty))
                .ToEquatableArray(),
            Names(json["pool_group_refs"]),
            JsonRead.Meta(json, hasServiceMetadata: false))
        {
            Pools = Names(json["pool_refs"]),
            Lookups = Names(json["string_group_refs"]).Select(n => new AviRef(AviObjectTypes.StringGroup, n))
                .Concat(Names(json["ipgroup_refs"]).Select(n => new AviRef(AviObjectTypes.IpAddrGroup, n)))
                .ToEquatableArray(),
        };

    private static EquatableArray<string> Names(JsonNode? refs) =>
        JsonRead.Strings(refs).Select(AviRefs.NameOf).OfType<string>().ToEquatableArray();
}
