using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_writers_lose_no_update_and_losers_on_one_vrf_get_412()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        var pools = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.CreateAsync("pool", Bodies.Pool($"p{i}"))));
        var vrf = (await client.GetAsync("/api/vrfcontext?name=global")).Object["results"]![0]!.AsObject();
        var vrfUuid = vrf["uuid"]!.GetValue<string>();

        // 200 writers on 200 different pools, each with its own _last_modified, racing 20 writers on one VRF
        // that all read the same version.
        var poolWriters = pools.Select(async (pool, i) =>
        {
            var update = (JsonObject)pool.DeepClone();
            update["servers"] = new JsonArray(new JsonObject
            {
                ["ip"] = new JsonObject { ["addr"] = $"10.244.{i / 250}.{i % 250 + 1}", ["type"] = "V4" }, ["port"] = 8080,
            });
            return await client.PutAsync($"/api/pool/{pool["uuid"]}", update);
        }).ToList();
        var vrfWriters = Enumerable.Range(0, 20).Select(async i =>
        {
            var update = (JsonObject)vrf.DeepClone();
            update["static_routes"] = new JsonArray(ObjectSemanticsTests.Route($"c1-{i}", $"10.{100 + i}.0.0", "172.16.250.21", 16));
            return await client.PutAsync($"/api/vrfcontext/{vrfUuid}", update);
        }).ToList();
        var poolResults = await Task.WhenAll(poolWriters);
        var vrfResults = await Task.WhenAll(vrfWriters);

        Assert.All(poolResults, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(vrfResults, r => r.Status == HttpStatusCode.OK);
        var losers = vrfResults.Where(r => r.Status != HttpStatusCode.OK).ToList();
        Assert.Equal(19, losers.Count);
        Assert.All(losers, r =>
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, r.Status);
            Assert.Equal("Need to reload object data VrfContext", r.Error);
        });
        for (var i = 0; i < pools.Length; i++)
        {
            var stored = await client.GetAsync($"/api/pool/{pools[i]["uuid"]}");
            Assert.Equal($"10.244.{i / 250}.{i % 250 + 1}", stored.Object["servers"]![0]!["ip"]!["addr"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Read_modify_write_retries_on_412_converge_with_every_writers_route_kept()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        var vrfUuid = (await client.GetAsync("/api/vrfcontext?name=global")).Object["results"]![0]!["uuid"]!.GetValue<string>();
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            while (true)
            {
                var current = (await client.GetAsync($"/api/vrfcontext/{vrfUuid}")).Object;
                var routes = current["static_routes"] as JsonArray ?? [];
                routes.Add(ObjectSemanticsTests.Route($"c1-{i}", $"10.{100 + i}.0.0", "172.16.250.21", 16));
                current["static_routes"] = routes;
                var put = await client.PutAsync($"/api/vrfcontext/{vrfUuid}", current);
                if (put.Status == HttpStatusCode.OK)
                {
                    return;
                }
                Assert.Equal(HttpStatusCode.PreconditionFailed, put.Status);
                Interlocked.Increment(ref conflicts);
            }
        }));
        var final = (await client.GetAsync($"/api/vrfcontext/{vrfUuid}")).Object;
        var ids = final["static_routes"]!.AsArray().Select(r => r!["route_id"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"c1-{i}").Order(), ids);
        var successfulPuts = scope.Sim.Simulator.Audit.Entries.Count(e => e.ObjectType == "vrfcontext" && e.Status == 200);
        Assert.Equal(20, successfulPuts);
        Assert.Equal(conflicts, scope.Sim.Simulator.Audit.Entries.Count(e => e.ObjectType == "vrfcontext" && e.Status == 412));
    }
}
