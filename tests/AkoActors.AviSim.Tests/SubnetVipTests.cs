using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.AviSim.Tests.Support;
using DnsClient;

namespace AkoActors.AviSim.Tests;

/// <summary>Vip entries that name their subnet by <c>subnet_uuid</c>, as AKO writes them on AWS, Azure and OpenStack (one entry
/// per VIP network, <c>vip_id</c> "1", "2", ..., no <c>ipam_network_subnet</c>): each entry's address comes from the cloud's
/// network of that name or uuid, a floating IP is allocated per entry when asked for, and a subnet the cloud does not have
/// is refused with nothing changed.</summary>
public class SubnetVipTests
{
    private const string Fqdn = "shop.ako.example.com";

    /// <summary>The default profile on an AWS cloud, plus <c>moved-vip</c>, a copy of alb-vip on 172.16.253.0/24.</summary>
    private static SeedProfile AwsProfileWithTwoSubnets() => MultiVipTests.WithSecondNetwork(FloatingIpTests.OnCloud("CLOUD_AWS"));

    private static JsonObject OnSubnets(string name, bool floating, params JsonNode[] subnets)
    {
        var body = Bodies.VsVip(name, Fqdn);
        body["vip"] = new JsonArray(subnets.Select((s, i) => (JsonNode?)new JsonObject
        {
            ["vip_id"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["auto_allocate_ip"] = true,
            ["auto_allocate_floating_ip"] = floating,
            ["subnet_uuid"] = s.DeepClone(),
        }).ToArray());
        return body;
    }

    [Fact]
    public async Task Each_entry_gets_an_address_from_its_own_subnet_and_a_floating_ip_and_dns_answers_every_floating_ip()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = AwsProfileWithTwoSubnets() });

        var created = await scope.Client.CreateAsync("vsvip", OnSubnets("c1--default-web", true, "alb-vip", "moved-vip"));

        var entries = created["vip"]!.AsArray().Select(v => (
            Id: v!["vip_id"]!.GetValue<string>(), Vip: v["ip_address"]!["addr"]!.GetValue<string>(), Floating: v["floating_ip"]!["addr"]!.GetValue<string>())).ToList();
        Assert.Equal([("1", "172.16.251.1", "198.51.100.1"), ("2", "172.16.253.1", "198.51.100.2")], entries);
        Assert.Equal("moved-vip", created["vip"]![1]!["subnet_uuid"]!.GetValue<string>());
        var resolver = new LookupClient(new LookupClientOptions(new NameServer(scope.Sim.DnsEndPoint!)) { UseCache = false, Retries = 2, ThrowDnsErrors = false });
        var answer = await resolver.QueryAsync(Fqdn, QueryType.A);
        Assert.Equal(["198.51.100.1", "198.51.100.2"], answer.Answers.ARecords().Select(r => r.Address.ToString()).Order(StringComparer.Ordinal));

        // Dropping an entry releases its address: the next VIP on that subnet is the one it held.
        var withoutSecond = (JsonObject)created.DeepClone();
        withoutSecond["vip"]!.AsArray().RemoveAt(1);
        Assert.Equal(HttpStatusCode.OK, (await scope.Client.PutAsync($"/api/vsvip/{created["uuid"]}", withoutSecond)).Status);
        var other = await scope.Client.CreateAsync("vsvip", OnSubnets("c1--default-db", false, "moved-vip"));
        Assert.Equal("172.16.253.1", other["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_subnet_the_cloud_does_not_have_is_refused_and_changes_nothing()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = AwsProfileWithTwoSubnets() });
        var before = scope.Sim.Simulator.DumpState().ToJsonString();

        var unknown = await scope.Client.PostAsync("/api/vsvip", OnSubnets("c1--default-web", false, "alb-vip", "subnet-0bad"));
        var notAString = await scope.Client.PostAsync("/api/vsvip", OnSubnets("c1--default-web", false, 7));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("Subnet subnet-0bad in field 'vip[1].subnet_uuid' is not a network of cloud Default-Cloud", unknown.Error);
        Assert.Equal(HttpStatusCode.BadRequest, notAString.Status);
        Assert.Equal("Field 'vip[0].subnet_uuid' must be a non-empty string", notAString.Error);
        Assert.Equal(before, scope.Sim.Simulator.DumpState().ToJsonString());
    }
}
