using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;
using DnsClient;

namespace AkoActors.AviSim.Tests;

public class DnsTests
{
    private static LookupClient Resolver(AviSimInstance sim, bool tcp = false) =>
        new(new LookupClientOptions(new NameServer(sim.DnsEndPoint!))
        {
            UseCache = false, Retries = 2, Timeout = TimeSpan.FromSeconds(2), UseTcpOnly = tcp, ThrowDnsErrors = false,
        });

    [Fact]
    public async Task An_fqdn_in_a_vsvip_dns_info_resolves_to_its_vip_over_udp_and_tcp()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("c1--Shared-L7-0", "nginx1.ako.example.com", "httpd1.ako.example.com"));
        foreach (var tcp in new[] { false, true })
        {
            var resolver = Resolver(scope.Sim, tcp);
            foreach (var name in new[] { "nginx1.ako.example.com", "HTTPD1.ako.example.com." })
            {
                var answer = await resolver.QueryAsync(name, QueryType.A);
                Assert.False(answer.HasError, answer.ErrorMessage);
                var record = Assert.Single(answer.Answers.ARecords());
                Assert.Equal(IPAddress.Parse("172.16.251.1"), record.Address);
                Assert.Equal(30, record.InitialTimeToLive);
                Assert.True(answer.Header.HasAuthorityAnswer);
            }
        }
    }

    [Fact]
    public async Task Unknown_names_inside_the_domain_are_nxdomain_and_names_outside_are_refused()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var resolver = Resolver(scope.Sim);
        var inside = await resolver.QueryAsync("nobody.ako.example.com", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, inside.Header.ResponseCode);
        var outside = await resolver.QueryAsync("www.example.org", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.Refused, outside.Header.ResponseCode);
    }

    [Fact]
    public async Task A_record_disappears_when_its_fqdn_leaves_dns_info_or_the_vsvip_is_deleted()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var resolver = Resolver(scope.Sim);
        var vsvip = await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v", "a.ako.example.com", "b.ako.example.com"));
        await scope.Client.PutAsync($"/api/vsvip/{vsvip["uuid"]}", Bodies.VsVip("v", "b.ako.example.com"));
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, (await resolver.QueryAsync("a.ako.example.com", QueryType.A)).Header.ResponseCode);
        Assert.Single((await resolver.QueryAsync("b.ako.example.com", QueryType.A)).Answers.ARecords());
        await scope.Client.DeleteAsync($"/api/vsvip/{vsvip["uuid"]}");
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, (await resolver.QueryAsync("b.ako.example.com", QueryType.A)).Header.ResponseCode);
    }

    [Fact]
    public async Task The_dns_virtual_service_lists_the_records_as_ipam_dns_records()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("c1--default-web", "web.default.ako.example.com", "outside.example.org"));
        var dnsVs = (await scope.Client.GetAsync("/api/virtualservice?name=System-DNS")).Object["results"]![0]!;
        var records = dnsVs["ipam_dns_records"]!.AsArray();
        var record = Assert.Single(records)!;
        Assert.Equal("web.default.ako.example.com", record["fqdn"]![0]!.GetValue<string>());
        Assert.Equal("172.16.251.1", record["ip_address"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
        Assert.Equal("admin:c1--default-web", record["description"]!.GetValue<string>());
        Assert.Equal("172.16.251.253", dnsVs["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_dns_domain_list_of_the_cloud_is_the_dns_profile_domains()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var cloud = (await scope.Client.GetAsync("/api/cloud?name=Default-Cloud")).Object["results"]![0]!;
        var list = await scope.Client.GetAsync($"/api/ipamdnsproviderprofiledomainlist?cloud_uuid={cloud["uuid"]}");
        Assert.Equal("""{"domains":["ako.example.com"]}""", list.Object.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await scope.Client.GetAsync("/api/ipamdnsproviderprofiledomainlist?cloud_uuid=cloud-x")).Status);
    }

    [Fact]
    public async Task Adding_a_domain_to_the_dns_profile_starts_serving_names_already_in_dns_info()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("v", "svc.corp.internal"));
        var resolver = Resolver(scope.Sim);
        Assert.Equal(DnsHeaderResponseCode.Refused, (await resolver.QueryAsync("svc.corp.internal", QueryType.A)).Header.ResponseCode);
        var profile = (await scope.Client.GetAsync("/api/ipamdnsproviderprofile?name=avi-dns")).Object["results"]![0]!.AsObject();
        profile["internal_profile"]!["dns_service_domain"]!.AsArray().Add(new JsonObject { ["domain_name"] = "corp.internal" });
        Assert.Equal(HttpStatusCode.OK, (await scope.Client.PutAsync($"/api/ipamdnsproviderprofile/{profile["uuid"]}", profile)).Status);
        Assert.Single((await resolver.QueryAsync("svc.corp.internal", QueryType.A)).Answers.ARecords());
    }

    [Fact]
    public async Task A_vip_with_a_floating_ip_answers_with_the_floating_ip_and_with_the_vip_again_once_it_is_released()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, Profile = FloatingIpTests.OnCloud("CLOUD_GCP") });
        var resolver = Resolver(scope.Sim);
        var body = Bodies.VsVip("c1--default-web", "web.default.ako.example.com");
        body["vip"]![0]!["auto_allocate_floating_ip"] = true;
        var vsvip = await scope.Client.CreateAsync("vsvip", body);
        Assert.Equal("198.51.100.1", vsvip["vip"]![0]!["floating_ip"]!["addr"]!.GetValue<string>());

        foreach (var tcp in new[] { false, true })
        {
            var answer = await Resolver(scope.Sim, tcp).QueryAsync("web.default.ako.example.com", QueryType.A);
            Assert.Equal(IPAddress.Parse("198.51.100.1"), Assert.Single(answer.Answers.ARecords()).Address);
        }
        var dnsVs = (await scope.Client.GetAsync("/api/virtualservice?name=System-DNS")).Object["results"]![0]!;
        Assert.Equal("198.51.100.1", Assert.Single(dnsVs["ipam_dns_records"]!.AsArray())!["ip_address"]![0]!["ip_address"]!["addr"]!.GetValue<string>());

        var off = (JsonObject)vsvip.DeepClone();
        off["vip"]![0]!["auto_allocate_floating_ip"] = false;
        Assert.Equal(HttpStatusCode.OK, (await scope.Client.PutAsync($"/api/vsvip/{vsvip["uuid"]}", off)).Status);
        var released = await resolver.QueryAsync("web.default.ako.example.com", QueryType.A);
        Assert.Equal(IPAddress.Parse("172.16.251.1"), Assert.Single(released.Answers.ARecords()).Address);
    }

    [Fact]
    public async Task On_a_private_cloud_the_floating_ip_flag_leaves_the_answer_on_the_vip()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null });
        var body = Bodies.VsVip("c1--default-web", "web.default.ako.example.com");
        body["vip"]![0]!["auto_allocate_floating_ip"] = true;
        await scope.Client.CreateAsync("vsvip", body);

        var answer = await Resolver(scope.Sim).QueryAsync("web.default.ako.example.com", QueryType.A);

        Assert.Equal(IPAddress.Parse("172.16.251.1"), Assert.Single(answer.Answers.ARecords()).Address);
    }

    [Fact]
    public async Task A_dual_stack_vip_answers_a_with_its_ipv4_vip_and_aaaa_with_its_ipv6_vip_over_udp_and_tcp()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var dual = Ipv6VipTests.DualStackVip("c1--default-dual", "V4_V6");
        dual["dns_info"] = new JsonArray(new JsonObject { ["fqdn"] = "dual.default.ako.example.com" });
        await scope.Client.CreateAsync("vsvip", dual);
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("c1--default-v4", "v4.default.ako.example.com"));

        foreach (var tcp in new[] { false, true })
        {
            var resolver = Resolver(scope.Sim, tcp);
            var a = await resolver.QueryAsync("dual.default.ako.example.com", QueryType.A);
            Assert.Equal(IPAddress.Parse("172.16.251.1"), Assert.Single(a.Answers.ARecords()).Address);
            Assert.Empty(a.Answers.AaaaRecords());
            var aaaa = await resolver.QueryAsync("dual.default.ako.example.com", QueryType.AAAA);
            Assert.False(aaaa.HasError, aaaa.ErrorMessage);
            var record = Assert.Single(aaaa.Answers.AaaaRecords());
            Assert.Equal(IPAddress.Parse("2001:db8:251::1"), record.Address);
            Assert.Equal(30, record.InitialTimeToLive);
            Assert.Empty(aaaa.Answers.ARecords());
            var any = await resolver.QueryAsync("dual.default.ako.example.com", QueryType.ANY);
            Assert.Equal((1, 1), (any.Answers.ARecords().Count(), any.Answers.AaaaRecords().Count()));
            // A name with only an IPv4 VIP has no AAAA record: an empty answer, not NXDOMAIN.
            var none = await resolver.QueryAsync("v4.default.ako.example.com", QueryType.AAAA);
            Assert.Equal(DnsHeaderResponseCode.NoError, none.Header.ResponseCode);
            Assert.Empty(none.Answers);
        }
        // The DNS virtual service lists the IPv6 VIP beside the IPv4 one, as the controller's DnsRecord holds them.
        var dnsVs = (await scope.Client.GetAsync("/api/virtualservice?name=System-DNS")).Object["results"]![0]!;
        var listed = dnsVs["ipam_dns_records"]!.AsArray().Single(r => r!["fqdn"]![0]!.GetValue<string>() == "dual.default.ako.example.com")!;
        Assert.Equal("172.16.251.1", listed["ip_address"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
        Assert.Equal("2001:db8:251::1", listed["ip6_address"]![0]!["ip6_address"]!["addr"]!.GetValue<string>());
        Assert.Null(dnsVs["ipam_dns_records"]!.AsArray().Single(r => r!["fqdn"]![0]!.GetValue<string>() == "v4.default.ako.example.com")!["ip6_address"]);
    }
}
