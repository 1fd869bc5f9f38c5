using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Tests.Support;
using DnsClient;

namespace AkoActors.AviSim.Tests;

/// <summary>A vsvip whose <c>vip</c> list has more than one entry, as a VIP network move writes it (and as AKO writes one per
/// network on AWS and Azure): each entry gets its address from its own <c>ipam_network_subnet</c>, an entry left out of a PUT
/// releases its address, existing entries keep theirs, and the vsvip's FQDNs resolve to every enabled address it holds.</summary>
public class MultiVipTests
{
    private const string Fqdn = "shop.ako.example.com";

    /// <summary>The default profile plus <c>moved-vip</c>, a copy of alb-vip on 172.16.253.0/24 (VIPs .1-.100).</summary>
    private static SeedProfile ProfileWithSecondNetwork() => WithSecondNetwork(SeedProfile.Default);

    /// <summary><paramref name="profile"/> plus <c>moved-vip</c>, a copy of its alb-vip on 172.16.253.0/24 (VIPs .1-.100).</summary>
    internal static SeedProfile WithSecondNetwork(SeedProfile profile)
    {
        var vip = profile.Objects.First(o => o.Type == "network" && o.Body["name"]?.GetValue<string>() == "alb-vip");
        var network = (JsonObject)vip.Body.DeepClone();
        network["name"] = "moved-vip";
        var subnet = network["configured_subnets"]![0]!;
        subnet["prefix"]!["ip_addr"]!["addr"] = "172.16.253.0";
        subnet["static_ip_ranges"]![0]!["range"]!["begin"]!["addr"] = "172.16.253.1";
        subnet["static_ip_ranges"]![0]!["range"]!["end"]!["addr"] = "172.16.253.100";
        return profile with { Objects = [.. profile.Objects, vip with { Body = network }] };
    }

    private static JsonObject Entry(string id, string network, string subnet) => new()
    {
        ["vip_id"] = id,
        ["auto_allocate_ip"] = true,
        ["ipam_network_subnet"] = new JsonObject
        {
            ["network_ref"] = $"/api/network/?name={network}",
            ["subnet"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = subnet, ["type"] = "V4" }, ["mask"] = 24 },
        },
    };

    private static List<(string Id, string Address)> Vips(JsonObject vsvip) =>
        vsvip["vip"]!.AsArray().Select(v => (v!["vip_id"]!.GetValue<string>(), v["ip_address"]!["addr"]!.GetValue<string>())).ToList();

    private static async Task<List<string>> ResolveAsync(AviSimInstance sim)
    {
        var resolver = new LookupClient(new LookupClientOptions(new NameServer(sim.DnsEndPoint!)) { UseCache = false, Retries = 2, ThrowDnsErrors = false });
        var answer = await resolver.QueryAsync(Fqdn, QueryType.A);
        return answer.Answers.ARecords().Select(r => r.Address.ToString()).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task A_second_entry_on_another_network_gets_an_address_there_and_the_first_keeps_its_own()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = ProfileWithSecondNetwork() });
        var created = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("c1--Shared-L7-slice-0", Fqdn));
        var body = (JsonObject)created.DeepClone();
        body["vip"]!.AsArray().Add(Entry("1", "moved-vip", "172.16.253.0"));

        var both = await scope.Client.PutAsync($"/api/vsvip/{created["uuid"]}", body);

        Assert.Equal(HttpStatusCode.OK, both.Status);
        Assert.Equal([("0", "172.16.251.1"), ("1", "172.16.253.1")], Vips(both.Object));
        Assert.EndsWith("#moved-vip", (await scope.Client.GetAsync($"/api/vsvip/{created["uuid"]}?include_name")).Object["vip"]![1]!["discovered_networks"]![0]!["network_ref"]!.GetValue<string>(),
            StringComparison.Ordinal);
        // While both exist the FQDN resolves to both: whichever a client gets is served.
        Assert.Equal(["172.16.251.1", "172.16.253.1"], await ResolveAsync(scope.Sim));
    }

    [Fact]
    public async Task An_entry_left_out_of_a_put_releases_its_address_and_the_fqdn_resolves_to_the_remaining_one()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = ProfileWithSecondNetwork() });
        var created = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("c1--Shared-L7-slice-0", Fqdn));
        var body = (JsonObject)created.DeepClone();
        body["vip"]!.AsArray().Add(Entry("1", "moved-vip", "172.16.253.0"));
        var both = (await scope.Client.PutAsync($"/api/vsvip/{created["uuid"]}", body)).Object;
        var withoutFirst = (JsonObject)both.DeepClone();
        withoutFirst["vip"]!.AsArray().RemoveAt(0);

        var moved = await scope.Client.PutAsync($"/api/vsvip/{created["uuid"]}", withoutFirst);

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Equal([("1", "172.16.253.1")], Vips(moved.Object));
        Assert.Equal(["172.16.253.1"], await ResolveAsync(scope.Sim));
        // Released: the next VIP asked for on alb-vip is the one the dropped entry held.
        Assert.Equal([("0", "172.16.251.1")], Vips(await scope.Client.CreateAsync("vsvip", Bodies.VsVip("other"))));
    }

    [Fact]
    public async Task An_entry_naming_another_network_under_its_existing_id_keeps_its_address()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = ProfileWithSecondNetwork() });
        var created = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v"));
        var body = (JsonObject)created.DeepClone();
        body["vip"] = new JsonArray(Entry("0", "moved-vip", "172.16.253.0"));

        var put = await scope.Client.PutAsync($"/api/vsvip/{created["uuid"]}", body);

        // Why a move needs a new entry: the controller does not re-allocate an allocated VIP for a PUT naming another network.
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal([("0", "172.16.251.1")], Vips(put.Object));
    }

    [Fact]
    public async Task A_new_entry_taking_an_existing_entrys_address_under_another_id_is_refused()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = ProfileWithSecondNetwork() });
        var created = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v"));
        var body = (JsonObject)created.DeepClone();
        var renamed = (JsonObject)body["vip"]![0]!.DeepClone();
        renamed["vip_id"] = "1";
        body["vip"] = new JsonArray(renamed, Entry("2", "moved-vip", "172.16.253.0"));

        var put = await scope.Client.PutAsync($"/api/vsvip/{created["uuid"]}", body);

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("Changing an existing VIP's vip_id is not supported", put.Error);
    }
}
