using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Translation;

namespace AkoActors.Avi.Codec;

/// <summary>pool: servers, health monitors, cloud and VRF, and on an Ingress path's pool the HTTPRule fields.</summary>
public sealed class PoolCodec : IAviSpecCodec
{
    public string Type => AviObjectTypes.Pool;

    public JsonObject Write(AviObjectSpec spec, JsonObject? existing)
    {
        var pool = (PoolSpec)spec;
        var json = existing?.DeepClone().AsObject() ?? [];
        json["name"] = pool.Name;
        json["servers"] = new JsonArray(pool.Servers
            .Select(s => (JsonNode?)new JsonObject
            {
                ["ip"] = JsonWrite.IpAddress(s.Ip, s.IpType),
                ["port"] = s.Port,
                ["enabled"] = s.Enabled,
            })
            .ToArray());
        json["health_monitor_refs"] = JsonWrite.Refs(AviObjectTypes.HealthMonitor, pool.HealthMonitors);
        JsonWrite.Ref(json, "cloud_ref", AviObjectTypes.Cloud, pool.CloudName);
        JsonWrite.Ref(json, "vrf_ref", AviObjectTypes.VrfContext, pool.VrfName);
        if (pool.Rules is { } rules) PoolRuleFields.Write(json, rules);
        JsonWrite.Meta(json, pool.Meta);
        AkoChecksum.MarkWritten(json);
        return json;
    }

    public AviObjectSpec Read(JsonObject json)
    {
        var servers = JsonRead.Objects(json["servers"])
            .Select(s => new PoolServer(
                JsonRead.String(s["ip"]?["addr"]) ?? string.Empty,
                JsonRead.Int(s["port"]) ?? 0,
                JsonRead.Bool(s["enabled"]) ?? true));
        var meta = JsonRead.Meta(json);
        return new PoolSpec(
            JsonRead.String(json, "name") ?? string.Empty,
            EndpointServers.Sorted(servers).ToEquatableArray(),
            JsonRead.Strings(json["health_monitor_refs"]).Select(r => AviRefs.NameOf(r) ?? r).ToEquatableArray(),
            JsonRead.RefName(json, "cloud_ref"),
            JsonRead.RefName(json, "vrf_ref"),
            meta)
        {
            // Only an Ingress path's pool (it carries a Host marker) has its HTTPRule fields managed; L4 pools keep theirs.
            Rules = meta.Markers.Any(m => m.Key == AviMarker.HostKey) ? PoolRuleFields.Read(json) : null,
        };
    }
}
