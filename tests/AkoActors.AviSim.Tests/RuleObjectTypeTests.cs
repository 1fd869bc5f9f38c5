using System.Net;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Tests.Support;

namespace AkoActors.AviSim.Tests;

/// <summary>The object types AKO's HostRule and HTTPRule name (WAF policy, error page and ICAP profiles, network security
/// policy, SSL, PKI and persistence profiles): served, seeded as a controller ships them, and refused by name when missing.</summary>
public class RuleObjectTypeTests
{
    [Theory]
    [InlineData("wafpolicy", "System-WAF-Policy")]
    [InlineData("errorpageprofile", "Custom-Error-Page-Profile")]
    [InlineData("icapprofile", "System-ICAP-Profile")]
    [InlineData("sslprofile", "System-Standard-PFS")]
    [InlineData("pkiprofile", "System-Default-PKI-Profile")]
    [InlineData("analyticsprofile", "System-Analytics-Profile")]
    [InlineData("applicationpersistenceprofile", "System-Persistence-Client-IP")]
    [InlineData("applicationpersistenceprofile", "System-Persistence-Http-Cookie")]
    public async Task The_default_controller_ships_the_system_object(string type, string name)
    {
        await using var scope = await SimulatorScope.StartAsync();
        var response = await scope.Client.GetAsync($"/api/{type}?name={name}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, response.Object["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_network_security_policy_can_be_created_and_referred_to_by_name()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("networksecuritypolicy", new JsonObject { ["name"] = "allow-office" });
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("web"));
        var vs = Bodies.VirtualService("web", "web");
        vs["network_security_policy_ref"] = "/api/networksecuritypolicy/?name=allow-office";
        vs["waf_policy_ref"] = "/api/wafpolicy/?name=System-WAF-Policy";
        var created = await scope.Client.CreateAsync("virtualservice", vs);
        Assert.Contains("/api/networksecuritypolicy/networksecuritypolicy-", created["network_security_policy_ref"]!.GetValue<string>());
        Assert.Contains("/api/wafpolicy/wafpolicy-", created["waf_policy_ref"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("waf_policy_ref", "/api/wafpolicy/?name=missing-waf", "WafPolicy object not found")]
    [InlineData("error_page_profile_ref", "/api/errorpageprofile/?name=missing", "ErrorPageProfile object not found")]
    [InlineData("ssl_profile_ref", "/api/sslprofile/?name=missing", "SSLProfile object not found")]
    [InlineData("application_profile_ref", "/api/applicationprofile/?name=Custom-L4", "ApplicationProfile object not found")]
    [InlineData("network_profile_ref", "/api/networkprofile/?name=Custom-Network-Profile", "NetworkProfile object not found")]
    [InlineData("network_security_policy_ref", "/api/networksecuritypolicy/?name=missing", "NetworkSecurityPolicy object not found")]
    [InlineData("analytics_profile_ref", "/api/analyticsprofile/?name=missing", "AnalyticsProfile object not found")]
    [InlineData("security_policy_ref", "/api/securitypolicy/?name=missing", "SecurityPolicy object not found")]
    public async Task A_reference_to_a_missing_object_is_refused_with_its_type_and_field(string field, string reference, string expected)
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("web"));
        var vs = Bodies.VirtualService("web", "web");
        vs[field] = reference;
        var response = await scope.Client.PostAsync("/api/virtualservice", vs);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(expected, response.Error);
        Assert.Contains(field, response.Error);
    }

    [Fact]
    public async Task A_reference_to_the_wrong_type_is_refused()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("web"));
        var vs = Bodies.VirtualService("web", "web");
        vs["waf_policy_ref"] = "/api/sslprofile/?name=System-Standard";
        var response = await scope.Client.PostAsync("/api/virtualservice", vs);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("must refer to a WafPolicy", response.Error);
    }

    [Fact]
    public async Task An_empty_reference_means_none_as_akos_error_page_profile_ref_does()
    {
        await using var scope = await SimulatorScope.StartAsync();
        await scope.Client.CreateAsync("vsvip", Bodies.VsVip("web"));
        var vs = Bodies.VirtualService("web", "web");
        vs["error_page_profile_ref"] = "";
        var created = await scope.Client.CreateAsync("virtualservice", vs);
        Assert.Equal("", created["error_page_profile_ref"]!.GetValue<string>());
    }
}
