using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

/// <summary>A pool's <c>placement_networks</c> (what AKO writes from nodeNetworkList) as a controller takes them: each names an
/// existing network, by name or uuid, and a subnet, IPv4 or IPv6; the reference is stored canonically and read back with
/// its name. Refusals are in <see cref="BadInputTests"/>.</summary>
public class PlacementNetworkTests
{
    [Fact]
    public async Task A_pool_takes_placement_networks_by_name_or_uuid_and_reads_them_back_with_the_networks_name()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var network = (await scope.Client.GetAsync("/api/network?name=k8s-nodes")).Object["results"]![0]!.AsObject();
        var uuid = network["uuid"]!.GetValue<string>();
        var body = Bodies.Pool("placed");
        body["placement_networks"] = new JsonArray(
            Placement("/api/network/?name=k8s-nodes", "172.16.250.0", "V4", 24),
            Placement($"/api/network/{uuid}", "fd00:10::", "V6", 64));

        var created = await scope.Client.CreateAsync("pool", body);

        var read = (await scope.Client.GetAsync($"/api/pool/{created["uuid"]}?include_name")).Object;
        var placements = read["placement_networks"]!.AsArray();
        Assert.Equal(2, placements.Count);
        Assert.All(placements, p => Assert.Equal($"{scope.Sim.HttpUrl}/api/network/{uuid}#k8s-nodes", p!["network_ref"]!.GetValue<string>()));
        Assert.Equal(["172.16.250.0/24/V4", "fd00:10::/64/V6"], placements.Select(p =>
            $"{p!["subnet"]!["ip_addr"]!["addr"]}/{p["subnet"]!["mask"]}/{p["subnet"]!["ip_addr"]!["type"]}"));
    }

    [Fact]
    public async Task A_put_without_placement_networks_removes_them()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var body = Bodies.Pool("placed");
        body["placement_networks"] = new JsonArray(Placement("/api/network/?name=k8s-nodes", "172.16.250.0", "V4", 24));
        var created = await scope.Client.CreateAsync("pool", body);

        var response = await scope.Client.PutAsync($"/api/pool/{created["uuid"]}", Bodies.Pool("placed"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Null((await scope.Client.GetAsync($"/api/pool/{created["uuid"]}")).Object["placement_networks"]);
    }

    private static JsonObject Placement(string networkRef, string address, string type, int mask) => new()
    {
        ["network_ref"] = networkRef,
        ["subnet"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = address, ["type"] = type }, ["mask"] = mask },
    };
}
