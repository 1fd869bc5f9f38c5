using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Faults;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class FaultInjectionTests
{
    [Fact]
    public async Task A_fixed_latency_set_over_sim_delays_every_api_request_by_at_least_that_much()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var set = await scope.Client.PutAsync("/sim/latency", new JsonObject { ["fixed_ms"] = 300 });
        Assert.Equal(300, set.Object["fixed_ms"]!.GetValue<double>());
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await scope.Client.GetAsync("/api/cloud")).Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(295), $"took {watch.Elapsed}");
        await scope.Client.PutAsync("/sim/latency", new JsonObject());
        Assert.Equal(LatencyModel.None, scope.Sim.Simulator.Faults.Latency);
    }

    [Fact]
    public void A_latency_distribution_has_the_requested_median_and_99th_percentile()
    {
        var model = LatencyModel.Distribution(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));
        var random = new Random(42);
        var samples = Enumerable.Range(0, 20_000).Select(_ => model.Sample(random).TotalMilliseconds).Order().ToArray();
        Assert.InRange(samples[samples.Length / 2], 19, 21);
        Assert.InRange(samples[(int)(samples.Length * 0.99)], 180, 220);
    }

    [Fact]
    public async Task A_latency_distribution_can_be_set_over_sim_and_bad_values_are_refused()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var set = await scope.Client.PutAsync("/sim/latency", new JsonObject { ["p50_ms"] = 5, ["p99_ms"] = 50 });
        Assert.Equal(5, set.Object["p50_ms"]!.GetValue<double>());
        Assert.True(scope.Sim.Simulator.Faults.Latency.IsDistribution);
        var bad = await scope.Client.PutAsync("/sim/latency", new JsonObject { ["p50_ms"] = 50, ["p99_ms"] = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task An_error_rule_fails_matching_requests_with_its_status_and_body_then_retires_after_its_count()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var rule = await scope.Client.PostAsync("/sim/faults", new JsonObject
        {
            ["method"] = "POST", ["type"] = "pool", ["rate"] = 1.0, ["status"] = 500,
            ["body"] = new JsonObject { ["error"] = "boom" }, ["count"] = 2,
        });
        Assert.Equal(HttpStatusCode.Created, rule.Status);
        Assert.Equal(HttpStatusCode.Created, (await scope.Client.PostAsync("/api/vsvip", Bodies.VsVip("other-type"))).Status);
        for (var i = 0; i < 2; i++)
        {
            var failed = await scope.Client.PostAsync("/api/pool", Bodies.Pool("p"));
            Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
            Assert.Equal("boom", failed.Error);
        }
        Assert.Equal(HttpStatusCode.Created, (await scope.Client.PostAsync("/api/pool", Bodies.Pool("p"))).Status);
        Assert.Empty(scope.Sim.Simulator.Faults.Rules);
        var audit = scope.Sim.Simulator.Audit.Entries.Where(e => e.ObjectType == "pool").ToList();
        Assert.Equal([true, true, false], audit.Select(e => e.InjectedFault));
        Assert.Equal([500, 500, 201], audit.Select(e => e.Status));
    }

    [Fact]
    public async Task A_partial_rate_fails_about_that_share_of_requests()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, RandomSeed = 7 });
        scope.Sim.Simulator.Faults.AddRule(new FaultRule("GET", "cloud", 0.5, 503));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            statuses.Add((await scope.Client.GetAsync("/api/cloud")).Status);
        }
        var failed = statuses.Count(s => s == HttpStatusCode.ServiceUnavailable);
        Assert.InRange(failed, 60, 140);
        Assert.Equal(200 - failed, statuses.Count(s => s == HttpStatusCode.OK));
    }

    [Fact]
    public async Task The_down_switch_answers_503_or_drops_connections_while_sim_stays_reachable()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.PutAsync("/sim/down", new JsonObject { ["mode"] = "503" });
        var unavailable = await scope.Client.GetAsync("/api/cloud");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        Assert.Contains("not available", unavailable.Error);
        await scope.Client.PutAsync("/sim/down", new JsonObject { ["mode"] = "refuse" });
        await Assert.ThrowsAsync<HttpRequestException>(() => scope.Client.GetAsync("/api/cloud"));
        var state = await scope.Client.GetAsync("/sim/down");
        Assert.Equal("refuse", state.Object["mode"]!.GetValue<string>());
        await scope.Client.PutAsync("/sim/down", new JsonObject { ["down"] = false });
        Assert.Equal(HttpStatusCode.OK, (await scope.Client.GetAsync("/api/cloud")).Status);
    }

    [Fact]
    public async Task Requests_are_counted_per_method_and_type()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var before = scope.Sim.Simulator.Stats.ByCall;
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await scope.Client.GetAsync("/api/cloud")).Status);
        await scope.Client.CreateAsync("pool", Bodies.Pool("counted"));
        var after = scope.Sim.Simulator.Stats.ByCall;
        Assert.Equal(3, after.GetValueOrDefault("GET cloud") - before.GetValueOrDefault("GET cloud"));
        Assert.Equal(1, after.GetValueOrDefault("POST pool") - before.GetValueOrDefault("POST pool"));
        Assert.Equal(scope.Sim.Simulator.Stats.Requests, after.Values.Sum());
    }

    [Fact]
    public async Task The_concurrency_cap_makes_extra_requests_wait_and_none_fail()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var faults = scope.Sim.Simulator.Faults;
        await scope.Client.PutAsync("/sim/concurrency", new JsonObject { ["max_concurrent"] = 2 });
        faults.Latency = LatencyModel.Fixed(TimeSpan.FromMilliseconds(400)); // long enough that 8 parallel requests overlap on any machine
        faults.Gate.ResetPeak();
        var requests = Enumerable.Range(0, 8).Select(_ => scope.Client.GetAsync("/api/cloud")).ToList();
        var responses = await Task.WhenAll(requests);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(2, scope.Sim.Simulator.Stats.PeakInFlight);
        var concurrency = await scope.Client.GetAsync("/sim/concurrency");
        Assert.Equal(2, concurrency.Object["max_concurrent"]!.GetValue<int>());
        Assert.Equal(0, concurrency.Object["waiting"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reset_restores_the_seeded_state_and_clears_faults_and_the_audit_log()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var seeded = scope.Sim.Simulator.ObjectCount;
        await scope.Client.CreateAsync("pool", Bodies.Pool("p"));
        scope.Sim.Simulator.Faults.AddRule(new FaultRule("*", "vsvip", 1, 500));
        var reset = await scope.Client.PostAsync("/sim/reset", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal(seeded, scope.Sim.Simulator.ObjectCount);
        Assert.Empty(scope.Sim.Simulator.Faults.Rules);
        Assert.Empty(scope.Sim.Simulator.Audit.Entries);
        Assert.Equal(0, (await scope.Client.GetAsync("/api/pool")).Object["count"]!.GetValue<int>());
        Assert.Equal("172.16.251.1", (await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v")))["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
    }
}
