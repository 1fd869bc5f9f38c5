using System.Text.Json.Nodes;
using AkoActors.Simulation.Invariants;
using AkoActors.Simulation.Workloads;
using Xunit;

namespace AkoActors.Simulation.Tests.Invariants;

/// <summary>Desired against actual, each rule made to fail on purpose. The controller state is AviSim's
/// <c>DumpState</c> shape, written out here: type → array of objects with <c>name</c>, <c>uuid</c>, pool
/// <c>servers[].ip.addr</c>, vsvip <c>vip[0].ip_address.addr</c>.</summary>
public sealed class ConvergenceRulesTests
{
    private const string Service = "svc-00001";
    private static readonly string Vs = Workload.VirtualServiceName(Service);
    private static readonly string Pool = Workload.PoolName(Service);

    private static DesiredState Desired(string? statusIp = "172.16.1.1", params string[] servers) =>
        new([new DesiredService(Service, Vs, Pool, servers.Length == 0 ? ["10.0.0.1", "10.0.0.2"] : servers, statusIp)], []);

    private static JsonObject State(Action<JsonObject>? change = null)
    {
        var state = new JsonObject
        {
            ["virtualservice"] = new JsonArray(Named(Vs, "vs-1")),
            ["l4policyset"] = new JsonArray(Named(Vs, "l4-1")),
            ["vsvip"] = new JsonArray(VsVip(Vs, "vsvip-1", "172.16.1.1")),
            ["pool"] = new JsonArray(PoolWith(Pool, "pool-1", "10.0.0.2", "10.0.0.1")),
        };
        change?.Invoke(state);
        return state;
    }

    [Fact]
    public void A_realised_Service_with_its_status_has_no_differences() =>
        Assert.Empty(ConvergenceRules.Differences(Desired(), State(), Workload.Names));

    [Fact]
    public void A_missing_pool_and_a_pool_with_other_servers_are_lost_changes_naming_the_Service()
    {
        var missing = Assert.Single(ConvergenceRules.Differences(Desired(), State(s => s["pool"] = new JsonArray()), Workload.Names));
        Assert.Equal((ConvergenceRules.NothingLost, $"Service bench/{Service}"), (missing.Invariant, missing.Object));
        Assert.Contains($"pool {Pool} is missing", missing.Detail);

        var stale = Assert.Single(ConvergenceRules.Differences(Desired(servers: ["10.0.0.1", "10.0.0.3"]), State(), Workload.Names));
        Assert.Equal(ConvergenceRules.NothingLost, stale.Invariant);
        Assert.Contains("holds [10.0.0.1, 10.0.0.2], the EndpointSlices say [10.0.0.1, 10.0.0.3]", stale.Detail);
    }

    [Fact]
    public void A_status_with_another_address_than_the_vsvip_does_not_match_the_controller()
    {
        var wrong = Assert.Single(ConvergenceRules.Differences(Desired(statusIp: "172.16.9.9"), State(), Workload.Names));
        Assert.Equal(ConvergenceRules.StatusesMatch, wrong.Invariant);
        Assert.Contains("status shows 172.16.9.9, vsvip", wrong.Detail);
    }

    [Fact]
    public void An_object_of_this_cluster_nothing_accounts_for_is_an_orphan_and_foreign_or_shared_objects_are_not()
    {
        var orphan = Assert.Single(ConvergenceRules.Differences(Desired(), State(s =>
        {
            s["pool"]!.AsArray().Add(PoolWith("bench--bench-gone-TCP-80", "pool-2"));
            s["pool"]!.AsArray().Add(PoolWith("other-cluster--x", "pool-3"));
            s["virtualservice"]!.AsArray().Add(Named("bench--Shared-L7-0", "vs-2"));
        }), Workload.Names));
        Assert.Equal((ConvergenceRules.NoOrphans, "pool bench--bench-gone-TCP-80"), (orphan.Invariant, orphan.Object));
    }

    [Fact]
    public void A_name_twice_and_a_VIP_on_two_vsvips_are_duplicates()
    {
        var violations = ConvergenceRules.Differences(Desired(), State(s =>
        {
            s["virtualservice"]!.AsArray().Add(Named(Vs, "vs-9"));
            s["vsvip"]!.AsArray().Add(VsVip("bench--bench-svc-00002", "vsvip-2", "172.16.1.1"));
        }), Workload.Names);

        Assert.Contains(violations, v => v.Invariant == ConvergenceRules.NoDuplicates && v.Object == $"virtualservice {Vs}" && v.Detail.Contains("vs-1, vs-9"));
        Assert.Contains(violations, v => v.Invariant == ConvergenceRules.NoDuplicates && v.Object == "VIP 172.16.1.1");
    }

    private static JsonObject Named(string name, string uuid) => new() { ["name"] = name, ["uuid"] = uuid };

    private static JsonObject VsVip(string name, string uuid, string vip)
    {
        var obj = Named(name, uuid);
        obj["vip"] = new JsonArray(new JsonObject { ["ip_address"] = new JsonObject { ["addr"] = vip, ["type"] = "V4" } });
        return obj;
    }

    private static JsonObject PoolWith(string name, string uuid, params string[] servers)
    {
        var obj = Named(name, uuid);
        obj["servers"] = new JsonArray(servers.Select(ip => (JsonNode)new JsonObject { ["ip"] = new JsonObject { ["addr"] = ip, ["type"] = "V4" } }).ToArray());
        return obj;
    }
}
