using System.Text;
using System.Text.Json.Nodes;
using AkoActors.AviSim;
using AkoActors.Simulation.Workloads.AkoMade;
using AkoActors.Testing.Fixtures;
using Xunit;

namespace AkoActors.Simulation.Tests.Workloads;

/// <summary>The benchmark's AKO-state generator reproduces what AKO itself left on the controller: given the recorded
/// scenario (../shared/fixtures/ako-made: nginx1 LB + Ingress, httpd1 Ingress with paths / and /api, the TLS Ingress
/// shop/web, the TCP+UDP port-53 Service shop/dns, the pinned-VIP Service shop/pinned), it makes the same objects — same
/// types and names, same fields and values, refs to the same objects — once both are loaded on AviSim. Only the
/// <c>cloud_config_cksum</c> values differ (AKO hashes its internal model; the generator writes AKO-like decimals).</summary>
/// <remarks>Also the controller's own objects AKO marks: the SE group's <c>clustername</c> label and the node routes in
/// VRF global (route ids aside: AKO draws them at random). Shapes relied on: <c>avi-state.json</c> is a <c>/sim/state</c> dump (type → objects with uuid, name, refs as
/// URLs); AKO's objects carry <c>created_by: ako-avi-cluster</c> or a <c>clustername</c> marker, everything else is the
/// controller's own; <c>kubernetes.yaml</c> holds the Nodes (InternalIP, <c>spec.podCIDR</c>) and the Secret shop/shop-tls with base64 <c>tls.crt</c>/<c>tls.key</c>.</remarks>
public sealed class AkoMadeAviStateTests
{
    private static readonly string[] ChecksumFields = ["cloud_config_cksum", "vsvip_cloud_config_cksum"];

    [SkippableFact]
    public async Task The_generator_given_the_recorded_scenario_makes_the_objects_AKO_made_field_for_field()
    {
        var recorded = SharedFolder.LoadAkoMadeAviState();
        var folder = SharedFolder.RequireAkoMadeFixtures();
        var infrastructure = new JsonObject();
        foreach (var (type, list) in recorded)
        {
            infrastructure[type] = new JsonArray(list!.AsArray().OfType<JsonObject>().Where(o => !IsAkos(o)).Select(o => (JsonNode?)o.DeepClone()).ToArray());
        }
        // AKO's marks on the controller's own objects are AKO's doing too: the SE group's label, the node routes.
        Single(infrastructure, "serviceenginegroup", "Default-Group").Remove("labels");
        Single(infrastructure, "vrfcontext", "global").Remove("static_routes");
        var kubernetes = AkoActors.Yaml.YamlJson.ParseAll(await File.ReadAllTextAsync(Path.Combine(folder, "kubernetes.yaml")))
            .OfType<JsonObject>()
            .SelectMany(doc => doc["kind"]?.GetValue<string>() == "List" ? doc["items"]!.AsArray().OfType<JsonObject>() : [doc])
            .ToList();
        var secret = kubernetes.Single(o => o["kind"]!.GetValue<string>() == "Secret" && o["metadata"]!["name"]!.GetValue<string>() == "shop-tls");
        string Decoded(string key) => Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]![key]!.GetValue<string>()));
        // The endpoints AKO put in each pool (two pools AKO left empty, see the fixture's README).
        List<AkoMadeEndpoint> Endpoints(string pool) => recorded["pool"]!.AsArray().OfType<JsonObject>()
            .Single(p => p["name"]!.GetValue<string>() == pool)["servers"]?.AsArray().OfType<JsonObject>()
            .Select(s => new AkoMadeEndpoint(s["ip"]!["addr"]!.GetValue<string>(), s["server_node"]?.GetValue<string>())).ToList() ?? [];

        var generator = new AkoMadeAviState(infrastructure,
            new AkoMadeSettings("avi-cluster", "admin", "ako.example.com", ShardCount: 1, "alb-vip", "172.16.251.0/24"), _ => "172.16.251.2");
        foreach (var node in kubernetes.Where(o => o["kind"]!.GetValue<string>() == "Node"))
        {
            var address = node["status"]!["addresses"]!.AsArray().OfType<JsonObject>().First(a => a["type"]!.GetValue<string>() == "InternalIP")["address"]!.GetValue<string>();
            generator.AddNodeRoute(address, node["spec"]!["podCIDR"]!.GetValue<string>());
        }
        generator.Add(new AkoMadeService("default", "nginx1", [new AkoMadePort("TCP", 80, 80)], "172.16.251.1", []));
        generator.Add(new AkoMadeService("shop", "dns", [new AkoMadePort("TCP", 53, 53), new AkoMadePort("UDP", 53, 53)], "172.16.251.3",
            Endpoints("avi-cluster--shop-dns-TCP-53")));
        generator.Add(new AkoMadeService("shop", "pinned", [new AkoMadePort("TCP", 80, 80)], "172.16.251.50", Endpoints("avi-cluster--shop-pinned-TCP-80")));
        generator.Add(new AkoMadeIngress("default", "nginx1-ingress",
            [new AkoMadeHost("nginx1.ako.example.com", [new AkoMadePath("/", "nginx1", 80, [])])]));
        generator.Add(new AkoMadeIngress("default", "httpd1-ingress",
        [
            new AkoMadeHost("httpd1.ako.example.com",
            [
                new AkoMadePath("/", "httpd1", 80, Endpoints("avi-cluster--httpd1.ako.example.com_-default-httpd1-ingress")),
                new AkoMadePath("/api", "httpd1", 80, Endpoints("avi-cluster--httpd1.ako.example.com_api-default-httpd1-ingress")),
            ]),
        ]));
        generator.Add(new AkoMadeIngress("shop", "web",
            [new AkoMadeHost("shop.ako.example.com", [new AkoMadePath("/", "web", 80, Endpoints("avi-cluster--shop-shop.ako.example.com_-web"))], Tls: true)],
            Decoded("tls.crt"), Decoded("tls.key")));

        var expected = await LoadedAsync(recorded);
        var generated = await LoadedAsync(generator.Build());

        Assert.Equal(Akos(expected).Keys.Order(StringComparer.Ordinal), Akos(generated).Keys.Order(StringComparer.Ordinal));
        foreach (var (key, akoMade) in Akos(expected))
        {
            var ours = Akos(generated)[key];
            Assert.True(JsonNode.DeepEquals(akoMade, ours), $"{key}:\n AKO made  {akoMade.ToJsonString()}\n generated {ours.ToJsonString()}");
        }
        foreach (var (type, name) in new[] { ("serviceenginegroup", "Default-Group"), ("vrfcontext", "global") })
        {
            Assert.True(JsonNode.DeepEquals(WithoutRouteIds(Single(expected, type, name)), WithoutRouteIds(Single(generated, type, name))),
                $"{type}/{name}:\n AKO made  {Single(expected, type, name).ToJsonString()}\n generated {Single(generated, type, name).ToJsonString()}");
        }
        // The host → VS uuid map AKO writes on Services and Ingresses points at the generated objects.
        Assert.Equal(generator.UuidOf("virtualservice", "avi-cluster--shop.ako.example.com"), generator.HostVirtualServiceUuid("shop.ako.example.com", tls: true));
        Assert.Equal(generator.UuidOf("virtualservice", "avi-cluster--Shared-L7-0"), generator.HostVirtualServiceUuid("nginx1.ako.example.com", tls: false));
    }

    private static JsonObject Single(JsonObject state, string type, string name) =>
        state[type]!.AsArray().OfType<JsonObject>().Single(o => o["name"]?.GetValue<string>() == name);

    /// <summary>The object without url, stamp and the route ids AKO draws at random per node and process.</summary>
    private static JsonObject WithoutRouteIds(JsonObject o)
    {
        var copy = (JsonObject)o.DeepClone();
        copy.Remove("_last_modified");
        foreach (var route in (copy["static_routes"] as JsonArray ?? []).OfType<JsonObject>()) route.Remove("route_id");
        return copy;
    }

    private static bool IsAkos(JsonObject o) =>
        o["created_by"]?.GetValue<string>() == "ako-avi-cluster" ||
        (o["markers"] as JsonArray)?.OfType<JsonObject>().Any(m => m["key"]?.GetValue<string>() == "clustername") == true;

    /// <summary>The dump as AviSim holds it after loading (server-filled fields included, refs as URLs).</summary>
    private static async Task<JsonObject> LoadedAsync(JsonObject state)
    {
        await using var avi = await AviSimServer.StartAsync(new AviSimOptions { HttpPort = 0, HttpsPort = null, DnsPort = null });
        avi.Simulator.LoadState(state);
        return avi.Simulator.DumpState();
    }

    /// <summary>AKO's objects by "type/name", with every uuid (in refs and in <c>vh_child_vs_uuid</c>) replaced by the
    /// referred object's "type/name", the object's own url/uuid/stamp removed, and checksums reduced to "present".</summary>
    private static Dictionary<string, JsonObject> Akos(JsonObject state)
    {
        var names = state.SelectMany(kv => kv.Value!.AsArray().OfType<JsonObject>()
                .Select(o => (Uuid: o["uuid"]!.GetValue<string>(), Name: $"{kv.Key}/{o["name"]?.GetValue<string>() ?? o["uuid"]!.GetValue<string>()}")))
            .ToDictionary(x => x.Uuid, x => x.Name, StringComparer.Ordinal);
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (type, list) in state)
        {
            foreach (var o in list!.AsArray().OfType<JsonObject>().Where(IsAkos))
            {
                var copy = (JsonObject)Normalised(o, names)!;
                foreach (var field in new[] { "url", "uuid", "_last_modified" }) copy.Remove(field);
                foreach (var field in ChecksumFields.Where(copy.ContainsKey)) copy[field] = "present";
                result[$"{type}/{o["name"]!.GetValue<string>()}"] = copy;
            }
        }
        return result;
    }

    private static JsonNode? Normalised(JsonNode? node, Dictionary<string, string> names) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(kv => KeyValuePair.Create(kv.Key, Normalised(kv.Value, names)))),
        JsonArray array => new JsonArray(array.Select(item => Normalised(item, names)).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Reference(text, names)),
        _ => node?.DeepClone(),
    };

    private static string Reference(string text, Dictionary<string, string> names)
    {
        var uuid = text.Contains("/api/", StringComparison.Ordinal) ? text[(text.LastIndexOf('/') + 1)..].Split('#')[0] : text;
        return names.TryGetValue(uuid, out var name) ? name : text;
    }
}
