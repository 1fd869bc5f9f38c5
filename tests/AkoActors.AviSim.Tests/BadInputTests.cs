using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

public class BadInputTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // path, body, expected fragment of the error
        { "/api/pool", "{\"name\": \"p\", ", "Malformed JSON" },
        { "/api/pool", "[1, 2]", "must be a JSON object" },
        { "/api/pool", "{\"servers\": []}", "Field 'name' is required" },
        { "/api/pool", "{\"name\": 42}", "Field 'name' must be a non-empty string" },
        { "/api/pool", "{\"name\": \"p\", \"servers\": {\"ip\": 1}}", "Field 'servers' must be an array" },
        { "/api/pool", "{\"name\": \"p\", \"servers\": [{\"ip\": {\"addr\": \"10.0.0.300\", \"type\": \"V4\"}, \"port\": 80}]}", "Invalid IP address '10.0.0.300'" },
        { "/api/pool", "{\"name\": \"p\", \"servers\": [{\"ip\": {\"addr\": \"10.0.0.1\", \"type\": \"V4\"}, \"port\": 70000}]}", "port in 0-65535" },
        { "/api/pool", "{\"name\": \"p\", \"cloud_ref\": \"/api/cloud/?name=No-Such-Cloud\"}", "Cloud object not found" },
        { "/api/pool", "{\"name\": \"p\", \"cloud_ref\": \"not a ref\"}", "Invalid ref 'not a ref'" },
        { "/api/pool", "{\"name\": \"p\", \"cloud_ref\": \"/api/network/?name=alb-vip\"}", "must refer to a Cloud" },
        { "/api/pool", "{\"name\": \"p\", \"health_monitor_refs\": \"/api/healthmonitor/?name=System-TCP\"}", "must be an array of refs" },
        { "/api/pool", "{\"name\": \"p\", \"placement_networks\": {}}", "Field 'placement_networks' must be an array" },
        { "/api/pool", "{\"name\": \"p\", \"placement_networks\": [{\"network_ref\": \"/api/network/?name=nope\", \"subnet\": {\"ip_addr\": {\"addr\": \"172.16.250.0\", \"type\": \"V4\"}, \"mask\": 24}}]}", "Network object not found" },
        { "/api/pool", "{\"name\": \"p\", \"placement_networks\": [{\"subnet\": {\"ip_addr\": {\"addr\": \"172.16.250.0\", \"type\": \"V4\"}, \"mask\": 24}}]}", "'placement_networks[0].network_ref' is required" },
        { "/api/pool", "{\"name\": \"p\", \"placement_networks\": [{\"network_ref\": \"/api/network/?name=k8s-nodes\"}]}", "'placement_networks[0].subnet' is required" },
        { "/api/pool", "{\"name\": \"p\", \"placement_networks\": [{\"network_ref\": \"/api/network/?name=k8s-nodes\", \"subnet\": {\"ip_addr\": {\"addr\": \"172.16.250.0\", \"type\": \"V4\"}, \"mask\": 33}}]}", "Invalid prefix length 33" },
        { "/api/pool", "{\"name\": \"p\", \"placement_networks\": [{\"network_ref\": \"/api/network/?name=k8s-nodes\", \"subnet\": {\"ip_addr\": {\"addr\": \"172.16.250\", \"type\": \"V4\"}, \"mask\": 24}}]}", "Invalid IP address '172.16.250'" },
        { "/api/pool", "{\"name\": \"p\", \"placement_networks\": [{\"network_ref\": \"/api/cloud/?name=Default-Cloud\", \"subnet\": {\"ip_addr\": {\"addr\": \"172.16.250.0\", \"type\": \"V4\"}, \"mask\": 24}}]}", "must refer to a Network" },
        { "/api/nosuchtype", "{\"name\": \"x\"}", "Unknown object type 'nosuchtype'" },
        { "/api/vsvip", "{\"name\": \"v\", \"vip\": [{\"vip_id\": \"0\", \"auto_allocate_ip\": true, \"ipam_network_subnet\": {\"network_ref\": \"/api/network/?name=nope\"}}]}", "Network object not found" },
        { "/api/vrfcontext", "{\"name\": \"v2\", \"static_routes\": [{\"route_id\": \"1\", \"prefix\": {\"ip_addr\": {\"addr\": \"10.244.3.7\", \"type\": \"V4\"}, \"mask\": 24}, \"next_hop\": {\"addr\": \"10.0.0.1\", \"type\": \"V4\"}}]}", "host bits set" },
        { "/api/vrfcontext", "{\"name\": \"v2\", \"static_routes\": [{\"route_id\": \"1\", \"prefix\": {\"ip_addr\": {\"addr\": \"10.244.3.0\", \"type\": \"V4\"}, \"mask\": 33}, \"next_hop\": {\"addr\": \"10.0.0.1\", \"type\": \"V4\"}}]}", "Invalid prefix length 33" },
        { "/api/vsvip", "{\"name\": \"v\", \"vip\": [{\"vip_id\": \"0\", \"ip_address\": {\"addr\": \"fd00::1\", \"type\": \"V4\"}}]}", "is V6 but its type says 'V4'" },
        { "/api/virtualservice", "{\"name\": \"vs\", \"vsvip_ref\": \"/api/vsvip/?name=missing\"}", "VsVip object not found" },
        { "/api/virtualservice", "{\"name\": \"vs\", \"vsvip_ref\": \"/api/vsvip/?name=System-DNS-vsvip\", \"enabled\": \"yes\"}", "Field 'enabled' must be a boolean" },
        { "/api/virtualservice", "{\"name\": \"vs\", \"vsvip_ref\": \"/api/vsvip/?name=System-DNS-vsvip\", \"services\": [{\"port\": 443, \"enable_http2\": \"yes\"}]}", "Field 'services[0].enable_http2' must be a boolean" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_400_that_says_what_is_wrong_and_changes_nothing(string path, string body, string expected)
    {
        await using var scope = await SimulatorScope.StartAsync();
        var before = scope.Sim.Simulator.DumpState().ToJsonString();
        var response = await scope.Client.SendRawAsync(HttpMethod.Post, path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(expected, response.Error);
        Assert.Equal(before, scope.Sim.Simulator.DumpState().ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await scope.Client.GetAsync("/api/cloud")).Status);
    }

    [Fact]
    public async Task An_oversized_body_is_a_400_and_the_simulator_keeps_serving()
    {
        await using var scope = await SimulatorScope.StartAsync(new AviSimOptions { HttpsPort = null, MaxRequestBodyBytes = 10_000 });
        var body = Bodies.Pool("big");
        body["padding"] = new string('x', 20_000);
        var response = await scope.Client.PostAsync("/api/pool", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("exceeds the limit of 10000 bytes", response.Error);
        Assert.Equal(HttpStatusCode.Created, (await scope.Client.PostAsync("/api/pool", Bodies.Pool("small"))).Status);
    }

    [Fact]
    public async Task A_rejected_put_leaves_the_stored_object_untouched()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var pool = await scope.Client.CreateAsync("pool", Bodies.Pool("p", serverIps: "10.0.0.1"));
        var bad = Bodies.Pool("p", serverIps: "10.0.0.999");
        Assert.Equal(HttpStatusCode.BadRequest, (await scope.Client.PutAsync($"/api/pool/{pool["uuid"]}", bad)).Status);
        var now = await scope.Client.GetAsync($"/api/pool/{pool["uuid"]}");
        Assert.True(JsonNode.DeepEquals(pool, now.Object));
    }

    [Fact]
    public async Task Duplicate_json_keys_are_refused()
    {
        await using var scope = await SimulatorScope.StartAsync();
        var response = await scope.Client.SendRawAsync(HttpMethod.Post, "/api/pool", "{\"name\": \"a\", \"name\": \"b\"}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("Malformed JSON", response.Error);
    }
}
