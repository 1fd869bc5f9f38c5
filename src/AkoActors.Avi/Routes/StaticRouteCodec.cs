using System.Net;
using System.Text.Json.Nodes;
using AkoActors.Avi.Codec;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Routes;

namespace AkoActors.Avi.Routes;

/// <summary>vrfcontext <c>static_routes[] {route_id, prefix {ip_addr {addr, type}, mask}, next_hop {addr, type}, labels[] {key, value}}</c>
/// ↔ the routes domain; a write edits only our entries and hands every other route back byte for byte.</summary>
public static class StaticRouteCodec
{
    public static VrfRouteTable ReadTable(JsonObject vrf) =>
        new(
            JsonRead.String(vrf, "uuid") ?? string.Empty,
            JsonRead.String(vrf, "name") ?? string.Empty,
            JsonRead.String(vrf, "_last_modified"),
            JsonRead.Objects(vrf["static_routes"]).Select(ReadRoute).ToEquatableArray(),
            vrf.ToJsonString());

    public static VrfStaticRoute ReadRoute(JsonObject route)
    {
        var address = JsonRead.String(route["prefix"]?["ip_addr"]?["addr"]);
        var mask = JsonRead.Int(route["prefix"]?["mask"]);
        IpCidr.TryParse(address is null || mask is null ? null : $"{address}/{mask}", out var prefix, out _);
        IPAddress.TryParse(JsonRead.String(route["next_hop"]?["addr"]), out var nextHop);
        var labels = JsonRead.Objects(route["labels"])
            .Select(l => new RouteLabel(JsonRead.String(l, "key") ?? string.Empty, JsonRead.String(l, "value") ?? string.Empty))
            .ToEquatableArray();
        return new VrfStaticRoute(JsonRead.String(route, "route_id") ?? string.Empty, prefix, nextHop, labels);
    }

    public static JsonObject WriteRoute(OwnedRoute route, string clusterName, long? epoch = null) => new()
    {
        ["route_id"] = route.RouteId,
        ["prefix"] = new JsonObject
        {
            ["ip_addr"] = JsonWrite.IpAddress(route.Route.Prefix.Network.ToString(), route.Route.Prefix.AviType),
            ["mask"] = route.Route.Prefix.PrefixLength,
        },
        ["next_hop"] = JsonWrite.IpAddress(route.Route.NextHop.ToString(), route.Route.Prefix.AviType),
        ["labels"] = epoch is { } stamp
            ? new JsonArray(
                new JsonObject { ["key"] = RouteLabel.ClusterNameKey, ["value"] = clusterName },
                new JsonObject { ["key"] = RouteLabel.OwnerEpochKey, ["value"] = stamp.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            : new JsonArray(new JsonObject { ["key"] = RouteLabel.ClusterNameKey, ["value"] = clusterName }),
    };

    /// <summary>The PUT body: the VRF as read (with its <c>_last_modified</c>, so a concurrent write elsewhere yields 412), with our
    /// routes replaced in place, removed ones dropped, new ones appended; routes not labelled with our clusterName are untouched.
    /// Every route of ours carries the writing owner's <paramref name="epoch"/> (the fence: see <c>VrfActor</c>).</summary>
    public static JsonObject WithRoutes(VrfRouteTable basis, IReadOnlyList<OwnedRoute> ours, string clusterName, long? epoch = null)
    {
        var vrf = JsonNode.Parse(basis.RawJson) as JsonObject ?? throw new InvalidOperationException($"VRF {basis.Name}: the stored copy is not a JSON object");
        var wanted = ours.ToDictionary(r => r.RouteId, StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var routes = new JsonArray();
        foreach (var node in vrf["static_routes"] as JsonArray ?? [])
        {
            if (node is JsonObject route && ReadRoute(route) is var parsed && parsed.IsOwnedBy(clusterName))
            {
                if (wanted.TryGetValue(parsed.RouteId, out var replacement) && written.Add(parsed.RouteId)) routes.Add(WriteRoute(replacement, clusterName, epoch));
                continue;
            }
            routes.Add(node?.DeepClone());
        }
        foreach (var route in ours.Where(r => !written.Contains(r.RouteId))) routes.Add(WriteRoute(route, clusterName, epoch));
        vrf["static_routes"] = routes;
        return vrf;
    }
}
