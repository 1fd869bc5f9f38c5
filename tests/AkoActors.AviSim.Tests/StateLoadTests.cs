using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;
using AkoActors.Testing.Fixtures;

namespace AkoActors.AviSim.Tests;

/// <summary>AviSim starts from another run's <c>/sim/state</c> dump: the same objects with the same uuids, names, VIPs
/// and DNS names, so a takeover test can begin exactly where AKO left the controller.</summary>
public sealed class StateLoadTests
{
    [Fact]
    public async Task A_dump_loaded_back_gives_the_same_objects_uuids_and_vips_and_an_empty_audit_log()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var client = scope.Client;
        var vip = (await client.PostAsync("/api/vsvip", new JsonObject
        {
            ["name"] = "c1--red-web",
            ["vip"] = new JsonArray(new JsonObject { ["vip_id"] = "0", ["auto_allocate_ip"] = true }),
            ["dns_info"] = new JsonArray(new JsonObject { ["fqdn"] = "web.red.ako.example.com" }),
        })).Object;
        var pool = (await client.PostAsync("/api/pool", new JsonObject { ["name"] = "c1--red-web-TCP-80" })).Object;
        var vs = await client.PostAsync("/api/virtualservice", new JsonObject
        {
            ["name"] = "c1--red-web", ["vsvip_ref"] = vip["url"]!.DeepClone(), ["pool_ref"] = pool["url"]!.DeepClone(),
            ["services"] = new JsonArray(new JsonObject { ["port"] = 80 }),
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, vs.Status);
        var before = scope.Sim.Simulator.DumpState();

        scope.Sim.Simulator.Reset();
        Assert.Null(scope.Sim.Simulator.FindObject("vsvip", "c1--red-web"));
        scope.Sim.Simulator.LoadState(before);

        Assert.Equal(Identities(before), Identities(scope.Sim.Simulator.DumpState()));
        var loaded = scope.Sim.Simulator.FindObject("virtualservice", "c1--red-web")!;
        Assert.Equal(vip["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>(), loaded["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
        Assert.Contains(scope.Sim.Simulator.DnsRecords, r => r.Fqdn == "web.red.ako.example.com");
        Assert.Empty(scope.Sim.Simulator.Audit.Since(0));
        // The VIP stays taken: the next allocation gets another address.
        var next = (await client.PostAsync("/api/vsvip", new JsonObject
        {
            ["name"] = "c1--red-other", ["vip"] = new JsonArray(new JsonObject { ["vip_id"] = "0", ["auto_allocate_ip"] = true }),
        })).Object;
        Assert.NotEqual(vip["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>(), next["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task The_state_akos_run_left_loads_with_its_shard_vs_datascript_and_both_port_53_listeners()
    {
        var state = SharedFolder.LoadAkoMadeAviState();
        await using var scope = await SimulatorScope.StartAsync();

        var loaded = await scope.Client.PutAsync("/sim/state", state);

        Assert.Equal(System.Net.HttpStatusCode.OK, loaded.Status);
        Assert.Equal(Identities(state), Identities(scope.Sim.Simulator.DumpState()));
        var dns = scope.Sim.Simulator.FindObject("virtualservice", "avi-cluster--shop-dns")!;
        Assert.Equal(2, dns["services"]!.AsArray().Count(s => s!["port"]!.GetValue<int>() == 53));
        Assert.Equal("172.16.251.3", dns["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
        Assert.NotNull(scope.Sim.Simulator.FindObject("vsdatascriptset", "avi-cluster--Shared-L7-0"));
        Assert.Contains(scope.Sim.Simulator.DnsRecords, r => r.Fqdn == "nginx1.ako.example.com" && r.Address.ToString() == "172.16.251.2");
    }

    /// <summary>type/uuid/name of every object, with the VIP addresses of vsvips.</summary>
    private static List<string> Identities(JsonObject state) =>
        state.SelectMany(kv => kv.Value!.AsArray().OfType<JsonObject>().Select(o =>
                $"{kv.Key}/{o["uuid"]}/{o["name"]}/{string.Join(",", (o["vip"] as JsonArray ?? []).Select(v => v?["ip_address"]?["addr"]?.ToString()))}"))
            .Order(StringComparer.Ordinal)
            .ToList();
}
