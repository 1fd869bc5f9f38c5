using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

/// <summary>A dump the size of a large cluster's controller (~20,000 objects: the profile's infrastructure and 5,000 L4
/// trees of vsvip, pool, L4 policy set and VS) loads whole, every object with its uuid and every reference resolved, even
/// when the dump lists referring objects before the objects they refer to. The loader orders objects in time linear in
/// objects and references; the benchmark's takeover scenario relies on it (no timing is asserted here).</summary>
public sealed class LargeStateLoadTests
{
    private const int Trees = 5_000;

    [Fact]
    public async Task A_twenty_thousand_object_dump_listing_referrers_first_loads_with_every_object_and_reference()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var simulator = scope.Sim.Simulator;
        var state = simulator.DumpState();
        var infrastructure = state.Sum(kv => kv.Value!.AsArray().Count);
        var tcp = Uuid(state, "healthmonitor", "System-TCP");
        var cloud = Uuid(state, "cloud", "Default-Cloud");
        // Referrers first: a loader that followed the dump's order would meet every VS before its vsvip, pool and policy set.
        var virtualServices = new JsonArray();
        var policySets = new JsonArray();
        var vsvips = new JsonArray();
        var pools = new JsonArray();
        for (var i = 0; i < Trees; i++)
        {
            var name = $"c1--bulk-svc-{i:D5}";
            vsvips.Add(new JsonObject
            {
                ["uuid"] = $"vsvip-{i:D5}", ["name"] = name, ["cloud_ref"] = $"/api/cloud/{cloud}",
                ["vip"] = new JsonArray(new JsonObject { ["vip_id"] = "0", ["ip_address"] = new JsonObject { ["addr"] = Address(i), ["type"] = "V4" } }),
            });
            pools.Add(new JsonObject
            {
                ["uuid"] = $"pool-{i:D5}", ["name"] = $"{name}-TCP-80", ["cloud_ref"] = $"/api/cloud/{cloud}",
                ["health_monitor_refs"] = new JsonArray($"/api/healthmonitor/{tcp}"),
                ["servers"] = new JsonArray(new JsonObject { ["ip"] = new JsonObject { ["addr"] = "10.128.0.1", ["type"] = "V4" }, ["port"] = 8080 }),
            });
            policySets.Add(new JsonObject
            {
                ["uuid"] = $"l4policyset-{i:D5}", ["name"] = name,
                ["l4_connection_policy"] = new JsonObject
                {
                    ["rules"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0,
                        ["action"] = new JsonObject { ["select_pool"] = new JsonObject { ["action_type"] = "L4_RULE_ACTION_SELECT_POOL", ["pool_ref"] = $"/api/pool/pool-{i:D5}" } },
                    }),
                },
            });
            virtualServices.Add(new JsonObject
            {
                ["uuid"] = $"virtualservice-{i:D5}", ["name"] = name, ["cloud_ref"] = $"/api/cloud/{cloud}",
                ["vsvip_ref"] = $"/api/vsvip/vsvip-{i:D5}",
                ["l4_policies"] = new JsonArray(new JsonObject { ["index"] = 0, ["l4_policy_set_ref"] = $"/api/l4policyset/l4policyset-{i:D5}" }),
                ["services"] = new JsonArray(new JsonObject { ["port"] = 80 }),
            });
        }
        var dump = new JsonObject { ["virtualservice"] = null, ["l4policyset"] = policySets };
        foreach (var (type, list) in state) dump[type] = list!.DeepClone();
        dump["virtualservice"] = Merge(dump["virtualservice"], virtualServices);
        dump["vsvip"] = Merge(dump["vsvip"], vsvips);
        dump["pool"] = Merge(dump["pool"], pools);

        simulator.LoadState(dump);

        Assert.Equal(infrastructure + 4 * Trees, simulator.ObjectCount);
        var loaded = simulator.DumpState();
        var byUuid = loaded.SelectMany(kv => kv.Value!.AsArray().OfType<JsonObject>()).ToDictionary(o => o["uuid"]!.GetValue<string>());
        for (var i = 0; i < Trees; i++)
        {
            var vs = byUuid[$"virtualservice-{i:D5}"];
            Assert.EndsWith($"/api/vsvip/vsvip-{i:D5}", vs["vsvip_ref"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.EndsWith($"/api/l4policyset/l4policyset-{i:D5}", vs["l4_policies"]![0]!["l4_policy_set_ref"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(Address(i), vs["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
            var rule = byUuid[$"l4policyset-{i:D5}"]["l4_connection_policy"]!["rules"]![0]!;
            Assert.EndsWith($"/api/pool/pool-{i:D5}", rule["action"]!["select_pool"]!["pool_ref"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.EndsWith($"/api/healthmonitor/{tcp}", byUuid[$"pool-{i:D5}"]["health_monitor_refs"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // The references are indexed, not only rendered: a pool a policy set still selects cannot be deleted.
        var refused = await scope.Client.DeleteAsync($"/api/pool/pool-{Trees - 1:D5}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("referred by", refused.Object["error"]!.GetValue<string>(), StringComparison.Ordinal);
        // The loaded infrastructure (with its cloud → IPAM profile → network cycle) still allocates VIPs.
        var allocated = await scope.Client.PostAsync("/api/vsvip", new JsonObject
        {
            ["name"] = "c1--after-load", ["vip"] = new JsonArray(new JsonObject { ["vip_id"] = "0", ["auto_allocate_ip"] = true }),
        });
        Assert.Equal(HttpStatusCode.Created, allocated.Status);
    }

    /// <summary>Distinct data-only addresses 10.200.x.y for the static VIPs.</summary>
    private static string Address(int i) => $"10.200.{i / 250}.{1 + (i % 250)}";

    private static string Uuid(JsonObject state, string type, string name) =>
        state[type]!.AsArray().OfType<JsonObject>().Single(o => o["name"]?.GetValue<string>() == name)["uuid"]!.GetValue<string>();

    private static JsonArray Merge(JsonNode? existing, JsonArray added)
    {
        var merged = existing is JsonArray list ? (JsonArray)list.DeepClone() : [];
        foreach (var item in added.ToList())
        {
            added.Remove(item);
            merged.Add(item);
        }
        return merged;
    }
}
