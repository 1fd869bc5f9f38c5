using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;
using AkoActors.AviSim.Audit;
using AkoActors.Hosting;
using AkoActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AkoActors.EndToEnd.Tests;

/// <summary>AKO's HostRule end to end: the CRD the chart ships applied with kubectl after the controller started, HostRules
/// written as AKO's docs/crds/hostrule.md shows them, their status (Accepted, or Rejected with the reason) read back
/// with kubectl, and the SNI child on AviSim checked field by field.</summary>
/// <remarks>Shapes relied on (AKO's v1beta1 HostRule): <c>spec.virtualhost.{fqdn, fqdnType, wafPolicy, applicationProfile,
/// analyticsProfile, errorPageProfile, tls.sslProfile, httpPolicy.policySets/overwrite, datascripts, aliases,
/// enableVirtualHost}</c>; <c>status.{status, error}</c>; printer columns HOST and STATUS.</remarks>
public sealed class HostRuleTests : IAsyncLifetime
{
    private const string Host = "secure.ako.example.com";
    private const string Child = "avi-cluster--secure.ako.example.com";
    private const string SharedVs = "avi-cluster--Shared-L7-0";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync()
    {
        // The CRD is installed after the controller started (as when the chart's CRDs come later): it must find it on its own.
        _world = await ControllerWorld.StartWithAkoCrdAsync("ako.vmware.com_hostrules.yaml");
        await SecureIngressAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task An_accepted_hostrule_sets_the_sni_child_and_deleting_it_restores_the_defaults()
    {
        await ApplyAsync($$"""
            apiVersion: ako.vmware.com/v1beta1
            kind: HostRule
            metadata: {name: secure-waf}
            spec:
              virtualhost:
                fqdn: {{Host}}
                wafPolicy: System-WAF-Policy
                applicationProfile: System-HTTP
                analyticsProfile: System-Analytics-Profile
                errorPageProfile: Custom-Error-Page-Profile
                aliases: [www.secure.ako.example.com]
                analyticsPolicy: {fullClientLogs: {enabled: true, throttle: LOW}, logAllHeaders: true}
            """);

        Assert.Equal("Accepted", await StatusAsync("secure-waf"));
        var table = (await _world.Kubectl.SucceedAsync("get", "hostrule", "secure-waf")).StandardOutput;
        Assert.Matches($@"secure-waf\s+{Host.Replace(".", "\\.")}\s+Accepted", table);
        var child = await ChildWhereAsync(vs => vs["waf_policy_ref"] is not null, "the SNI child with the WAF policy");
        Assert.EndsWith(Uuid("wafpolicy", "System-WAF-Policy"), child["waf_policy_ref"]!.GetValue<string>());
        Assert.EndsWith(Uuid("applicationprofile", "System-HTTP"), child["application_profile_ref"]!.GetValue<string>());
        Assert.EndsWith(Uuid("analyticsprofile", "System-Analytics-Profile"), child["analytics_profile_ref"]!.GetValue<string>());
        Assert.EndsWith(Uuid("errorpageprofile", "Custom-Error-Page-Profile"), child["error_page_profile_ref"]!.GetValue<string>());
        Assert.Equal([Host, "www.secure.ako.example.com"], child["vh_domain_name"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(50, child["analytics_policy"]!["full_client_logs"]!["throttle"]!.GetValue<int>());
        Assert.True(child["analytics_policy"]!["all_headers"]!.GetValue<bool>());
        await Eventually.HoldsAsync(() => Task.FromResult(VipFqdns().Contains("www.secure.ako.example.com")), "the alias in the shared vsvip's DNS names");

        // An edit rewrites exactly the SNI child: one PUT, nothing else.
        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "hostrule", "secure-waf", "--type=json",
            "-p", """[{"op":"remove","path":"/spec/virtualhost/errorPageProfile"}]""");
        await ChildWhereAsync(vs => vs["error_page_profile_ref"] is null, "the SNI child without the error page profile");
        await Eventually.HoldsAsync(() => Task.FromResult(Writes(mark).Count > 0), "the edit's write");
        Assert.Equal([$"PUT virtualservice {Child} 200"], Writes(mark));

        await _world.Kubectl.SucceedAsync("delete", "hostrule", "secure-waf");

        var restored = await ChildWhereAsync(vs => vs["waf_policy_ref"] is null, "the SNI child back to its defaults");
        Assert.EndsWith(Uuid("applicationprofile", "System-Secure-HTTP"), restored["application_profile_ref"]!.GetValue<string>());
        // Written without one, so the controller's default fills in (as a controller does).
        Assert.EndsWith(Uuid("analyticsprofile", "System-Analytics-Profile"), restored["analytics_profile_ref"]!.GetValue<string>());
        Assert.Null(restored["analytics_policy"]);
        Assert.Equal([Host], restored["vh_domain_name"]!.AsArray().Select(d => d!.GetValue<string>()));
        await Eventually.HoldsAsync(() => Task.FromResult(!VipFqdns().Contains("www.secure.ako.example.com")), "the alias gone from the vsvip");
    }

    [Fact]
    public async Task A_hostrule_naming_a_missing_waf_policy_is_rejected_writes_nothing_and_applies_once_fixed()
    {
        var mark = _world.AuditMark;
        await ApplyAsync($$"""
            apiVersion: ako.vmware.com/v1beta1
            kind: HostRule
            metadata: {name: secure-waf}
            spec:
              virtualhost:
                fqdn: {{Host}}
                wafPolicy: missing-waf
            """);

        Assert.Equal("Rejected", await StatusAsync("secure-waf"));
        var error = (await _world.Kubectl.SucceedAsync("get", "hostrule", "secure-waf", "-o", "jsonpath={.status.error}")).StandardOutput;
        Assert.Contains("wafpolicy \"missing-waf\" named in wafPolicy not found on the Avi Controller", error);
        var events = await Eventually.GetAsync(async () =>
        {
            var output = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=secure-waf")).StandardOutput;
            return output.Contains("Rejected", StringComparison.Ordinal) ? output : null;
        }, "a Rejected warning event on the HostRule");
        Assert.Contains("missing-waf", events);
        // The event names the rule itself, so `kubectl get events -A` alone says which resource to fix.
        Assert.Contains("HostRule default/secure-waf rejected:", events);

        await _world.Kubectl.SucceedAsync("patch", "hostrule", "secure-waf", "--type=merge", "-p", """{"spec":{"virtualhost":{"wafPolicy":"System-WAF-Policy"}}}""");

        Assert.Equal("Accepted", await StatusAsync("secure-waf", "Accepted"));
        await ChildWhereAsync(vs => vs["waf_policy_ref"] is not null, "the SNI child with the fixed WAF policy");
        // The Rejected version wrote nothing; the fixed one exactly the SNI child.
        Assert.Equal([$"PUT virtualservice {Child} 200"], Writes(mark));
    }

    [Fact]
    public async Task An_accepted_rule_edited_to_name_a_missing_object_is_never_tried_and_is_withdrawn_once_rejected()
    {
        await ApplyAsync(Rule("secure-waf", "System-WAF-Policy"));
        Assert.Equal("Accepted", await StatusAsync("secure-waf"));
        await ChildWhereAsync(vs => vs["waf_policy_ref"] is not null, "the SNI child with the WAF policy");
        var mark = _world.AuditMark;

        await _world.Kubectl.SucceedAsync("patch", "hostrule", "secure-waf", "--type=merge", "-p", """{"spec":{"virtualhost":{"wafPolicy":"missing-waf"}}}""");

        Assert.Equal("Rejected", await StatusAsync("secure-waf", "Rejected"));
        await ChildWhereAsync(vs => vs["waf_policy_ref"] is null, "the SNI child without the rejected rule's settings");
        // The controller never saw the missing name (no 400): the edit waited for its check, then the rule was withdrawn.
        Assert.Equal([$"PUT virtualservice {Child} 200"], Writes(mark));
    }

    [Fact]
    public async Task A_second_hostrule_for_the_same_fqdn_is_rejected_until_the_first_is_deleted()
    {
        await ApplyAsync(Rule("first", "System-WAF-Policy"));
        Assert.Equal("Accepted", await StatusAsync("first"));
        await ApplyAsync(Rule("second", "System-WAF-Policy"));

        Assert.Equal("Rejected", await StatusAsync("second"));
        var error = (await _world.Kubectl.SucceedAsync("get", "hostrule", "second", "-o", "jsonpath={.status.error}")).StandardOutput;
        Assert.Equal($"duplicate fqdn {Host} found in default/first", error);

        await _world.Kubectl.SucceedAsync("delete", "hostrule", "first");

        Assert.Equal("Accepted", await StatusAsync("second", "Accepted"));
    }

    [Fact]
    public async Task Policy_sets_and_datascripts_of_the_controller_follow_ours_or_replace_them_with_overwrite()
    {
        var rest = _world.Replicas[0].Host.Services.GetRequiredService<AviRestClient>();
        var context = new AviCallContext("admin", "test");
        await rest.CreateAsync("httppolicyset", new JsonObject { ["name"] = "team-headers", ["http_request_policy"] = new JsonObject { ["rules"] = new JsonArray() } },
            context, CancellationToken.None);
        await rest.CreateAsync("vsdatascriptset", new JsonObject { ["name"] = "team-script", ["datascript"] = new JsonArray() }, context, CancellationToken.None);
        await ApplyAsync($$"""
            apiVersion: ako.vmware.com/v1beta1
            kind: HostRule
            metadata: {name: policies}
            spec:
              virtualhost:
                fqdn: "*.ako.example.com"
                fqdnType: Wildcard
                httpPolicy: {policySets: [team-headers], overwrite: false}
                datascripts: [team-script]
            """);

        Assert.Equal("Accepted", await StatusAsync("policies"));
        var child = await ChildWhereAsync(vs => vs["vs_datascripts"] is not null, "the SNI child with the datascript");
        var policies = child["http_policies"]!.AsArray().Select(p => p!["http_policy_set_ref"]!.GetValue<string>()).ToList();
        Assert.Equal(2, policies.Count);
        Assert.EndsWith(Uuid("httppolicyset", "avi-cluster--default-secure.ako.example.com"), policies[0]);
        Assert.EndsWith(Uuid("httppolicyset", "team-headers"), policies[1]);
        Assert.EndsWith(Uuid("vsdatascriptset", "team-script"), child["vs_datascripts"]![0]!["vs_datascript_set_ref"]!.GetValue<string>());

        await _world.Kubectl.SucceedAsync("patch", "hostrule", "policies", "--type=merge", "-p", """{"spec":{"virtualhost":{"httpPolicy":{"overwrite":true}}}}""");

        child = await ChildWhereAsync(vs => vs["http_policies"]!.AsArray().Count == 1, "the SNI child with only the HostRule's policy set");
        Assert.EndsWith(Uuid("httppolicyset", "team-headers"), child["http_policies"]![0]!["http_policy_set_ref"]!.GetValue<string>());
        // The user's objects are referred to, never taken over: still there, still theirs.
        Assert.Null(_world.AviObject("httppolicyset", "team-headers")!["created_by"]);
    }

    [Fact]
    public async Task A_hostrule_for_an_insecure_host_is_accepted_and_the_ingress_is_told_it_does_not_apply()
    {
        (await _world.Kubectl.RunWithInputAsync("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: plain}
            spec:
              rules:
              - host: plain.ako.example.com
                http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: secure, port: {number: 80}}}}]}
            """, "apply", "-f", "-")).EnsureSuccess();
        await ApplyAsync(Rule("plain-waf", "System-WAF-Policy", "plain.ako.example.com"));

        Assert.Equal("Accepted", await StatusAsync("plain-waf"));
        var events = await Eventually.GetAsync(async () =>
        {
            var output = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=plain")).StandardOutput;
            return output.Contains("HostRuleNotApplied", StringComparison.Ordinal) ? output : null;
        }, "a HostRuleNotApplied warning on the insecure Ingress");
        Assert.Contains("default/plain-waf", events);
        Assert.Null(_world.AviObject("virtualservice", SharedVs)!["waf_policy_ref"]);
    }

    private static string Rule(string name, string waf, string fqdn = Host) => $$"""
        apiVersion: ako.vmware.com/v1beta1
        kind: HostRule
        metadata: {name: {{name}}}
        spec:
          virtualhost:
            fqdn: {{fqdn}}
            wafPolicy: {{waf}}
        """;

    private async Task ApplyAsync(string manifest) => (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();

    /// <summary>Waits for the HostRule's status (any, or the one named) and returns it.</summary>
    private Task<string> StatusAsync(string name, string? expected = null) =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "hostrule", name, "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 && (expected is null || status == expected) ? status : null;
        }, $"a status on HostRule {name}", TimeSpan.FromSeconds(30));

    private Task<JsonObject> ChildWhereAsync(Func<JsonObject, bool> condition, string what) =>
        Eventually.GetAsync(() => Task.FromResult(_world.AviObject("virtualservice", Child) is { } vs && condition(vs) ? vs : null), what,
            TimeSpan.FromSeconds(30));

    private string Uuid(string type, string name) =>
        _world.AviObject(type, name)?["uuid"]?.GetValue<string>() ?? throw new InvalidOperationException($"no {type} {name} on AviSim");

    private List<string> VipFqdns() =>
        _world.AviObject("vsvip", SharedVs)?["dns_info"]?.AsArray().Select(d => d!["fqdn"]!.GetValue<string>()).ToList() ?? [];

    private List<string> Writes(long mark) => _world.WriteLinesSince(mark);

    private async Task SecureIngressAsync()
    {
        await _world.Kubectl.SucceedAsync("create", "deploy", "secure", "--image=nginxhellos/demo");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "secure", "--port=80");
        var (certificate, key) = SelfSignedCertificates.For(Host);
        var dir = Directory.CreateTempSubdirectory("hostrule-tls-").FullName;
        File.WriteAllText(Path.Combine(dir, "tls.crt"), certificate);
        File.WriteAllText(Path.Combine(dir, "tls.key"), key);
        await _world.Kubectl.SucceedAsync("create", "secret", "tls", "secure-tls", $"--cert={Path.Combine(dir, "tls.crt")}", $"--key={Path.Combine(dir, "tls.key")}");
        await ApplyAsync($$"""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: secure}
            spec:
              tls:
              - hosts: [{{Host}}]
                secretName: secure-tls
              rules:
              - host: {{Host}}
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: secure, port: {number: 80} } }
            """);
        await Eventually.GetAsync(async () =>
        {
            var address = (await _world.Kubectl.RunAsync("get", "ing", "secure", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return address.Length > 0 && _world.AviObject("virtualservice", Child) is not null ? address : null;
        }, "the secure Ingress served by its SNI child", TimeSpan.FromSeconds(30));
    }
}
