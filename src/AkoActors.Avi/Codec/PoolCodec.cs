using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Translation;

namespace AkoActors.Avi.Codec;

/// <summary>pool: servers, health monitors, cloud and VRF, placement networks, and on an Ingress path's pool the HTTPRule fields.</summary>
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
        // On a tier-1 router AKO leaves the VRF out: the controller takes the router's.
        JsonWrite.Ref(json, "vrf_ref", AviObjectTypes.VrfContext, pool.VrfName.Length == 0 ? null : pool.VrfName);
        JsonWrite.Set(json, "tier1_lr", pool.Tier1Lr is null ? null : JsonValue.Create(pool.Tier1Lr));
        // Managed on every pool, as AKO does: none wanted removes what is there (a PUT replaces the whole object).
        JsonWrite.Set(json, "placement_networks", pool.PlacementNetworks.IsEmpty ? null : new JsonArray(pool.PlacementNetworks
            .Select(p => (JsonNode?)new JsonObject
            {
                ["network_ref"] = AviRefs.Network(p.Network),
                ["subnet"] = JsonWrite.Prefix(IpCidr.Parse(p.Subnet)),
            })
            .ToArray()));
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
            PlacementNetworks = PlacementNetworks(json),
            Tier1Lr = JsonRead.String(json, "tier1_lr"),
            // An Ingress path's pool (Host marker) has its HTTPRule fields managed, a Service port's pool (Port marker) its
            // L4Rule fields; whether a spec manages them is the spec's to say (PoolSpec.IsSatisfiedBy).
            Rules = meta.Markers.Any(m => m.Key is AviMarker.HostKey or AviMarker.PortKey) ? PoolRuleFields.Read(json) : null,
        };
    }

    /// <summary>Each entry's network (name and uuid, as read back) and subnet; an entry without a readable subnet reads with an empty one, so it
    /// never matches a wanted entry and is rewritten.</summary>
    private static EquatableArray<PoolPlacementNetwork> PlacementNetworks(JsonObject json) =>
        JsonRead.Objects(json["placement_networks"])
            .Select(p => new PoolPlacementNetwork(
                AviRefs.NetworkOf(JsonRead.String(p, "network_ref")),
                p["subnet"] is JsonObject subnet && JsonRead.String(subnet["ip_addr"]?["addr"]) is { } address && JsonRead.Int(subnet["mask"]) is { } mask
                    ? Normalised($"{address}/{mask.ToString(CultureInfo.InvariantCulture)}")
                    : string.Empty))
            .ToEquatableArray();

    /// <summary>The written form of an address (IPv6 zeros compressed as this controller writes them); a prefix with host
    /// bits stays as read, so it differs from any wanted subnet.</summary>
    private static string Normalised(string cidr) => IpCidr.TryParse(cidr, out var parsed, out _) ? parsed.ToString() : cidr;
}
