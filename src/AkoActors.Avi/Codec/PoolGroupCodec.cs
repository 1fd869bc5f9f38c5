using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Codec;

/// <summary>poolgroup: members with pool, ratio and priority label.</summary>
public sealed class PoolGroupCodec : IAviSpecCodec
{
    public string Type => AviObjectTypes.PoolGroup;

    public JsonObject Write(AviObjectSpec spec, JsonObject? existing)
    {
        var group = (PoolGroupSpec)spec;
        var json = existing?.DeepClone().AsObject() ?? [];
        json["name"] = group.Name;
        json["members"] = new JsonArray(group.Members
            .Select(m =>
            {
                var member = new JsonObject { ["pool_ref"] = AviRefs.ByName(AviObjectTypes.Pool, m.PoolName), ["ratio"] = m.Ratio };
                if (m.PriorityLabel is not null) member["priority_label"] = m.PriorityLabel;
                return (JsonNode?)member;
            })
            .ToArray());
        JsonWrite.Meta(json, group.Meta);
        AkoChecksum.MarkWritten(json);
        return json;
    }

    public AviObjectSpec Read(JsonObject json) =>
        new PoolGroupSpec(
            JsonRead.String(json, "name") ?? string.Empty,
            JsonRead.Objects(json["members"])
                .Select(m => new PoolGroupMember(AviRefs.NameOf(JsonRead.String(m, "pool_ref")) ?? string.Empty, JsonRead.Int(m["ratio"]) ?? 1,
                    JsonRead.String(m, "priority_label")))
                .ToEquatableArray(),
            JsonRead.Meta(json, hasServiceMetadata: false));
}
