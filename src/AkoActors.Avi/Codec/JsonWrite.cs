using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Networking;

namespace AkoActors.Avi.Codec;

/// <summary>Writers for the fields every managed object shares; absent values remove the field, since this controller owns it.</summary>
public static class JsonWrite
{
    public static void Set(JsonObject json, string property, JsonNode? value)
    {
        if (value is null) json.Remove(property);
        else json[property] = value;
    }

    public static void Ref(JsonObject json, string property, string type, string? name) =>
        Set(json, property, name is null ? null : JsonValue.Create(AviRefs.ByName(type, name)));

    public static JsonArray Refs(string type, IEnumerable<string> names) =>
        new(names.Select(n => (JsonNode?)JsonValue.Create(AviRefs.ByName(type, n))).ToArray());

    public static void Meta(JsonObject json, AviObjectMeta meta)
    {
        if (meta.CreatedBy is not null) json["created_by"] = meta.CreatedBy;
        json["markers"] = new JsonArray(meta.Markers
            .Select(m => (JsonNode?)new JsonObject
            {
                ["key"] = m.Key,
                ["values"] = new JsonArray(m.Values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            })
            .ToArray());
        if (meta.ServiceMetadata is not null) json["service_metadata"] = meta.ServiceMetadata;
    }

    public static JsonObject IpAddress(string address, string type) => new() { ["addr"] = address, ["type"] = type };

    /// <summary>Avi's IPAddrPrefix: <c>{ip_addr: {addr, type}, mask}</c>.</summary>
    public static JsonObject Prefix(IpCidr cidr) => new() { ["ip_addr"] = IpAddress(cidr.Network.ToString(), cidr.AviType), ["mask"] = cidr.PrefixLength };
}
