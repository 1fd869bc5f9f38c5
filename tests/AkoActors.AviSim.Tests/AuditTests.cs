using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class AuditTests
{
    [Fact]
    public async Task Every_write_is_audited_with_who_what_and_outcome_and_reads_are_not()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        client.ExtraHeaders["X-Ako-Replica"] = "replica-2";
        client.ExtraHeaders["X-Ako-Trace"] = "t-1";
        var sessionId = client.Cookies.GetCookies(new Uri(scope.Sim.HttpUrl))["sessionid"]!.Value;
        var pool = await client.CreateAsync("pool", Bodies.Pool("web"));
        await client.GetAsync("/api/pool");
        await client.PutAsync($"/api/pool/{pool["uuid"]}", Bodies.Pool("web", serverIps: "10.0.0.1"));
        await client.PostAsync("/api/pool", Bodies.Pool("web"));
        await client.DeleteAsync($"/api/pool/{pool["uuid"]}");

        var entries = scope.Sim.Simulator.Audit.Entries;
        Assert.Equal(["POST", "PUT", "POST", "DELETE"], entries.Select(e => e.Method));
        Assert.Equal([201, 200, 409, 204], entries.Select(e => e.Status));
        Assert.All(entries, e =>
        {
            Assert.Equal("pool", e.ObjectType);
            Assert.Equal("web", e.Name);
            Assert.Equal("admin", e.Tenant);
            Assert.Equal(sessionId, e.SessionId);
            Assert.Equal("AviSimTests", e.UserAgent);
            Assert.Equal("replica-2", e.Replica);
            Assert.Equal("t-1", e.ClientHeaders["X-Ako-Trace"]);
        });
        Assert.Equal(pool["uuid"]!.GetValue<string>(), entries[0].Uuid);
        Assert.Equal(pool["uuid"]!.GetValue<string>(), entries[3].Uuid);
        Assert.EndsWith("already exists", entries[2].Error);
        Assert.Equal(Enumerable.Range(1, 4).Select(i => (long)i), entries.Select(e => e.Sequence));

        var overHttp = await client.GetAsync("/sim/audit?since=2");
        var tail = overHttp.Object["entries"]!.AsArray();
        Assert.Equal(2, tail.Count);
        Assert.Equal("replica-2", tail[0]!["replica"]!.GetValue<string>());
        Assert.Equal("AviSimTests", tail[0]!["user_agent"]!.GetValue<string>());
        Assert.Equal(409, tail[0]!["status"]!.GetValue<int>());
        Assert.Equal(4, overHttp.Object["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_write_refused_for_lack_of_a_session_is_audited_as_401()
    {
        await using var sim = await AviSimServer.StartAsync(new AviSimOptions { HttpsPort = null });
        using var anonymous = new AviTestClient(sim);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/pool", Bodies.Pool("p"))).Status);
        var entry = Assert.Single(sim.Simulator.Audit.Entries);
        Assert.Equal(401, entry.Status);
        Assert.Null(entry.SessionId);
    }

    [Fact]
    public async Task Sim_state_dumps_every_object_by_type_and_sim_stats_count_requests()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("pool", Bodies.Pool("p"));
        var state = await scope.Client.GetAsync("/sim/state");
        Assert.Equal("p", state.Object["pool"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("alb-vip", state.Object["network"]![0]!["name"]!.GetValue<string>());
        var onlyPools = await scope.Client.GetAsync("/sim/state?type=pool");
        Assert.Equal(["pool"], onlyPools.Object.Select(kv => kv.Key));
        var stats = await scope.Client.GetAsync("/sim/stats");
        Assert.True(stats.Object["requests"]!.GetValue<long>() >= 2);
        Assert.Equal(1, stats.Object["by_status"]!["201"]!.GetValue<long>());
        var info = await scope.Client.GetAsync("/sim/info");
        Assert.Equal(scope.Sim.HttpUrl, info.Object["http_url"]!.GetValue<string>());
        Assert.Equal(scope.Sim.DnsPort, info.Object["dns_port"]!.GetValue<int>());
        Assert.Equal("seed-article", info.Object["profile"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_audit_keeps_the_markers_a_POST_or_PUT_wrote_so_each_write_can_be_attributed_to_its_owner()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var body = Bodies.Pool("web");
        body["markers"] = new JsonArray(
            new JsonObject { ["key"] = "clustername", ["values"] = new JsonArray("c1") },
            new JsonObject { ["key"] = "ako-actors-epoch", ["values"] = new JsonArray("1700000000001") });
        var pool = await scope.Client.CreateAsync("pool", body);
        body["markers"]![1]!["values"] = new JsonArray("1700000000002", "7");
        await scope.Client.PutAsync($"/api/pool/{pool["uuid"]}", body);
        await scope.Client.DeleteAsync($"/api/pool/{pool["uuid"]}");

        var entries = scope.Sim.Simulator.Audit.Entries;
        Assert.Equal("1700000000001", entries[0].Markers!["ako-actors-epoch"]);
        Assert.Equal("c1", entries[0].Markers!["clustername"]);
        Assert.Equal("1700000000002,7", entries[1].Markers!["ako-actors-epoch"]);
        Assert.Null(entries[2].Markers);
    }

    [Fact]
    public async Task A_vrfcontext_write_records_its_route_labels_as_markers_and_its_routes()
    {
        // Shape relied on: vrfcontext static_routes[] {route_id, prefix {ip_addr {addr, type}, mask}, next_hop {addr, type}, labels[] {key, value}}.
        await using var scope = await SimulatorScope.StartAsync();
        var vrf = (await scope.Client.GetAsync("/api/vrfcontext?name=global")).Object["results"]![0]!.AsObject();
        vrf["static_routes"] = new JsonArray(
            Route("bench-1", "10.32.0.0", "10.0.0.1", ("clustername", "bench"), ("ako-actors-epoch", "1700000000005")),
            Route("bench-2", "10.32.1.0", "10.0.0.2", ("clustername", "bench"), ("ako-actors-epoch", "1700000000005")),
            Route("other-1", "10.40.0.0", "10.0.1.1", ("clustername", "other"), ("ako-actors-epoch", "9")));
        vrf = (await scope.Client.PutAsync($"/api/vrfcontext/{vrf["uuid"]}", vrf)).Object;
        vrf["static_routes"] = new JsonArray();
        await scope.Client.PutAsync($"/api/vrfcontext/{vrf["uuid"]}", vrf);

        var entries = scope.Sim.Simulator.Audit.Entries;
        Assert.Equal([200, 200], entries.Select(e => e.Status));
        Assert.Equal("global", entries[0].Name);
        Assert.Equal("bench,other", entries[0].Markers!["clustername"]);
        Assert.Equal("1700000000005,9", entries[0].Markers!["ako-actors-epoch"]);
        Assert.Null(entries[1].Markers);
        Assert.Equal(["10.32.0.0/24 via 10.0.0.1", "10.32.1.0/24 via 10.0.0.2", "10.40.0.0/24 via 10.0.1.1"], entries[0].StaticRoutes);
        Assert.Empty(entries[1].StaticRoutes!);
    }

    private static JsonObject Route(string id, string network, string nextHop, params (string Key, string Value)[] labels) => new()
    {
        ["route_id"] = id,
        ["prefix"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = network, ["type"] = "V4" }, ["mask"] = 24 },
        ["next_hop"] = new JsonObject { ["addr"] = nextHop, ["type"] = "V4" },
        ["labels"] = new JsonArray(labels.Select(l => (JsonNode)new JsonObject { ["key"] = l.Key, ["value"] = l.Value }).ToArray()),
    };
}
