using System.Text.Json.Nodes;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;

namespace AkoActors.EndToEnd.Tests.Routes;

/// <summary>The global VRF on AviSim as a user would see it, and a way to edit it by hand (an operator, another cluster's AKO)
/// over the same REST API the controller uses.</summary>
internal sealed class VrfOnTheController(ControllerWorld world) : IDisposable
{
    /// <summary>The replica header of hand-made writes, so they can be told apart from the controller's in the audit log.</summary>
    public const string Operator = "operator";

    private static readonly AviCallContext Admin = new("admin", Operator);

    private readonly AviConnection _connection = new(
        new AviClientOptions { BaseUrl = new Uri(world.Avi.HttpsUrl!), CertificateAuthorityPem = world.Avi.HttpsCertificatePem, ReplicaId = Operator },
        new AviCredentials(world.Avi.Credentials!.Username, world.Avi.Credentials.Password, null));

    /// <summary>Every static route in the global VRF as <c>id: prefix/mask via next-hop [label]</c>, in the controller's order.</summary>
    public IReadOnlyList<string> Routes() =>
        (world.AviObject("vrfcontext", "global")?["static_routes"] as JsonArray ?? [])
        .OfType<JsonObject>()
        .Select(r => $"{r["route_id"]}: {r["prefix"]!["ip_addr"]!["addr"]}/{r["prefix"]!["mask"]} via {r["next_hop"]!["addr"]}" +
                     (r["labels"] is JsonArray { Count: > 0 } labels ? $" [{labels[0]!["key"]}={labels[0]!["value"]}]" : string.Empty))
        .ToList();

    /// <summary>Our routes only, without the label suffix.</summary>
    public IReadOnlyList<string> RoutesOf(string clusterName) =>
        Routes().Where(r => r.EndsWith($" [clustername={clusterName}]", StringComparison.Ordinal))
            .Select(r => r[..r.IndexOf(" [", StringComparison.Ordinal)])
            .ToList();

    /// <summary>Adds a route by hand: read the VRF, append, PUT with its _last_modified (retrying a 412, as a careful user would).</summary>
    public async Task AddRouteByHandAsync(string routeId, string address, int mask, string nextHop)
    {
        var rest = new AviRestClient(_connection);
        for (var attempt = 0; ; attempt++)
        {
            var vrf = (await rest.ListAsync("vrfcontext", [new("name", "global")], Admin, CancellationToken.None)).Single();
            var routes = vrf["static_routes"] as JsonArray ?? [];
            routes.Add(new JsonObject
            {
                ["route_id"] = routeId,
                ["prefix"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = address, ["type"] = "V4" }, ["mask"] = mask },
                ["next_hop"] = new JsonObject { ["addr"] = nextHop, ["type"] = "V4" },
            });
            vrf["static_routes"] = routes;
            try
            {
                await rest.UpdateAsync("vrfcontext", vrf["uuid"]!.GetValue<string>(), vrf, Admin, CancellationToken.None);
                return;
            }
            catch (Avi.Errors.AviApiException stale) when (stale.Error.Kind == Avi.Errors.AviErrorKind.Stale && attempt < 5)
            {
            }
        }
    }

    public void Dispose() => _connection.Dispose();
}
