using System.Text.Json.Nodes;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;
using AkoActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AkoActors.EndToEnd.Tests;

/// <summary>AKO's L4Rule end to end: the chart's CRD applied with kubectl, rules written as AKO's docs/crds/l4rule.md shows
/// them and attached with the Service annotation <c>ako.vmware.com/l4rule</c>, status and events read back with kubectl,
/// and the L4 tree on AviSim checked field by field, with the writes each change costs counted from the audit.</summary>
/// <remarks>Shapes relied on (AKO's v1alpha2 L4Rule): <c>spec.{applicationProfileRef, networkProfileRef, loadBalancerIP,
/// analyticsProfileRef, networkSecurityPolicyRef, securityPolicyRef, revokeVipRoute, analyticsPolicy.fullClientLogs.{enabled,
/// throttle, duration}, performanceLimits.{maxConcurrentConnections, maxThroughput}, sslProfileRef, sslKeyAndCertificateRefs,
/// listenerProperties[].{port, protocol, enableSsl}, backendProperties[].{port, protocol, lbAlgorithm, lbAlgorithmHash,
/// healthMonitorRefs, healthMonitorCrdRefs, applicationPersistenceProfileRef, enabled, minServersUp,
/// analyticsPolicy.enableRealtimeMetrics}}</c>;
/// <c>status.{status, error}</c>; the CRD's defaults (applicationProfileRef System-L4-Application, networkProfileRef
/// System-TCP-Proxy).</remarks>
public sealed class L4RuleTests : IAsyncLifetime
{
    private const string Vs = "avi-cluster--default-web";
    private const string Pool = "avi-cluster--default-web-TCP-80";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await ControllerWorld.StartWithAkoCrdAsync("ako.vmware.com_l4rules.yaml");
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginxhellos/demo");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--port=80", "--type=LoadBalancer");
        await Eventually.GetAsync(async () =>
        {
            var address = (await _world.Kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return address.Length > 0 && _world.AviObject("pool", Pool) is not null ? address : null;
        }, "the web Service served", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task An_accepted_l4rule_sets_the_vs_vip_and_pool_an_edit_rewrites_only_the_pool_and_detaching_restores_the_defaults()
    {
        await ApplyAsync("""
            apiVersion: ako.vmware.com/v1alpha2
            kind: L4Rule
            metadata: {name: web-rule}
            spec:
              networkProfileRef: System-TCP-Fast-Path
              loadBalancerIP: 172.16.251.77
              backendProperties:
              - port: 80
                protocol: TCP
                lbAlgorithm: LB_ALGORITHM_CONSISTENT_HASH
                lbAlgorithmHash: LB_ALGORITHM_CONSISTENT_HASH_SOURCE_IP_ADDRESS
                healthMonitorRefs: [System-Ping]
                applicationPersistenceProfileRef: System-Persistence-Client-IP
            """);
        Assert.Equal("Accepted", await StatusAsync("web-rule"));
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", "ako.vmware.com/l4rule=web-rule");

        var pool = await ObjectWhereAsync("pool", Pool, p => p["lb_algorithm"]!.GetValue<string>() == "LB_ALGORITHM_CONSISTENT_HASH", "the pool with the L4Rule's settings");
        Assert.Equal("LB_ALGORITHM_CONSISTENT_HASH_SOURCE_IP_ADDRESS", pool["lb_algorithm_hash"]!.GetValue<string>());
        Assert.EndsWith(Uuid("healthmonitor", "System-Ping"), Assert.Single(pool["health_monitor_refs"]!.AsArray())!.GetValue<string>());
        Assert.EndsWith(Uuid("applicationpersistenceprofile", "System-Persistence-Client-IP"), pool["application_persistence_profile_ref"]!.GetValue<string>());
        var vs = await ObjectWhereAsync("virtualservice", Vs,
            v => v["network_profile_ref"]!.GetValue<string>().EndsWith(Uuid("networkprofile", "System-TCP-Fast-Path"), StringComparison.Ordinal), "the VS with the rule's network profile");
        Assert.EndsWith(Uuid("applicationprofile", "System-L4-Application"), vs["application_profile_ref"]!.GetValue<string>());
        await Eventually.HoldsAsync(async () =>
            (await _world.Kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim() == "172.16.251.77",
            "the Service on the rule's loadBalancerIP");
        Assert.Equal("172.16.251.77", _world.AviObject("vsvip", Vs)!["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());
        await ServiceProbes.EventAsync(_world, "web", "L4RuleAttached");

        // An edit of one backend setting rewrites exactly that pool.
        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "l4rule", "web-rule", "--type=json",
            "-p", """[{"op":"replace","path":"/spec/backendProperties/0/lbAlgorithm","value":"LB_ALGORITHM_ROUND_ROBIN"}]""");
        await ObjectWhereAsync("pool", Pool, p => p["lb_algorithm"]!.GetValue<string>() == "LB_ALGORITHM_ROUND_ROBIN", "the pool with round robin");
        await Eventually.HoldsAsync(() => Task.FromResult(Writes(mark).Count > 0), "the edit's write");
        Assert.Equal([$"PUT pool {Pool} 200"], Writes(mark));
        Assert.Null(_world.AviObject("pool", Pool)!["lb_algorithm_hash"]);

        // Removing the annotation gives the Service the defaults back.
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", "ako.vmware.com/l4rule-");
        var restored = await ObjectWhereAsync("pool", Pool, p => p["lb_algorithm"]!.GetValue<string>() == "LB_ALGORITHM_LEAST_CONNECTIONS", "the pool back to its defaults");
        Assert.EndsWith(Uuid("healthmonitor", "System-TCP"), Assert.Single(restored["health_monitor_refs"]!.AsArray())!.GetValue<string>());
        Assert.Null(restored["application_persistence_profile_ref"]);
        await ObjectWhereAsync("virtualservice", Vs,
            v => v["network_profile_ref"]!.GetValue<string>().EndsWith(Uuid("networkprofile", "System-TCP-Proxy"), StringComparison.Ordinal), "the VS back on System-TCP-Proxy");
        await ServiceProbes.EventAsync(_world, "web", "L4RuleDetached");
    }

    [Fact]
    public async Task A_missing_or_rejected_l4rule_changes_nothing_fixing_it_applies_it_and_deleting_it_restores_the_defaults()
    {
        // Named before it exists: served with the defaults, with a Warning on the Service.
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", "ako.vmware.com/l4rule=web-rule");
        Assert.Contains("does not exist", await ServiceProbes.EventAsync(_world, "web", "L4RuleNotFound"));

        var mark = _world.AuditMark;
        await ApplyAsync("""
            apiVersion: ako.vmware.com/v1alpha2
            kind: L4Rule
            metadata: {name: web-rule}
            spec:
              applicationProfileRef: System-HTTP
              backendProperties:
              - {port: 80, protocol: TCP, healthMonitorRefs: [System-Ping]}
            """);
        Assert.Equal("Rejected", await StatusAsync("web-rule"));
        var error = (await _world.Kubectl.SucceedAsync("get", "l4rule", "web-rule", "-o", "jsonpath={.status.error}")).StandardOutput;
        Assert.Equal("applicationprofile \"System-HTTP\" named in applicationProfileRef is of type APPLICATION_PROFILE_TYPE_HTTP, not APPLICATION_PROFILE_TYPE_L4", error);
        // The Service's owner has seen the Rejected rule once it says so; by then it has written nothing.
        Assert.Contains("Rejected", await ServiceProbes.EventAsync(_world, "web", "L4RuleNotApplied"));
        Assert.Empty(Writes(mark));

        await _world.Kubectl.SucceedAsync("patch", "l4rule", "web-rule", "--type=json",
            "-p", """[{"op":"replace","path":"/spec/applicationProfileRef","value":"System-L4-Application"}]""");
        Assert.Equal("Accepted", await StatusAsync("web-rule", "Accepted"));
        await ObjectWhereAsync("pool", Pool,
            p => p["health_monitor_refs"]![0]!.GetValue<string>().EndsWith(Uuid("healthmonitor", "System-Ping"), StringComparison.Ordinal), "the pool with the fixed rule's monitor");
        await Eventually.HoldsAsync(() => Task.FromResult(Writes(mark).Count > 0), "the fix's write");
        Assert.Equal([$"PUT pool {Pool} 200"], Writes(mark));

        await _world.Kubectl.SucceedAsync("delete", "l4rule", "web-rule");
        await ObjectWhereAsync("pool", Pool,
            p => p["health_monitor_refs"]![0]!.GetValue<string>().EndsWith(Uuid("healthmonitor", "System-TCP"), StringComparison.Ordinal), "the pool back on System-TCP");
        await ServiceProbes.EventAsync(_world, "web", "L4RuleDetached");
    }

    [Fact]
    public async Task A_rules_load_balancer_ip_that_cannot_be_served_is_refused_naming_the_l4rule_to_fix_not_the_service()
    {
        var served = (await _world.Kubectl.SucceedAsync("get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
        await ApplyAsync("""
            apiVersion: ako.vmware.com/v1alpha2
            kind: L4Rule
            metadata: {name: pinned}
            spec:
              loadBalancerIP: 999.1.1.1
            """);
        Assert.Equal("Accepted", await StatusAsync("pinned"));
        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", "ako.vmware.com/l4rule=pinned");

        // The Service has no spec.loadBalancerIP of its own: the Warning points at the rule's field.
        var warning = await ServiceProbes.EventAsync(_world, "web", "InvalidLoadBalancerIP");
        Assert.Contains("default/web asks for VIP '999.1.1.1' (spec.loadBalancerIP of L4Rule default/pinned), which is not an IP address", warning,
            StringComparison.Ordinal);
        Assert.EndsWith("remove the request in L4Rule default/pinned", warning, StringComparison.Ordinal);
        Assert.Empty(Writes(mark));
        Assert.Equal(served, (await _world.Kubectl.SucceedAsync("get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim());

        // An address outside the VIP network is refused the same way.
        await _world.Kubectl.SucceedAsync("patch", "l4rule", "pinned", "--type=merge", "-p", """{"spec":{"loadBalancerIP":"10.9.9.9"}}""");
        var outside = await Eventually.GetAsync(async () =>
        {
            var messages = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=web,reason=InvalidLoadBalancerIP",
                "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}")).StandardOutput;
            return messages.Split('\n').FirstOrDefault(m => m.Contains("10.9.9.9", StringComparison.Ordinal));
        }, "a Warning about 10.9.9.9", TimeSpan.FromSeconds(30));
        Assert.Contains("asks for VIP 10.9.9.9 (spec.loadBalancerIP of L4Rule default/pinned), which is outside the VIP network", outside, StringComparison.Ordinal);
        Assert.EndsWith("in L4Rule default/pinned", outside, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attaching_a_rule_with_datascripts_of_the_controller_writes_only_the_vs_and_deleting_it_removes_them()
    {
        var rest = _world.Replicas[0].Host.Services.GetRequiredService<AviRestClient>();
        await rest.CreateAsync("vsdatascriptset", new JsonObject { ["name"] = "web-script", ["datascript"] = new JsonArray() },
            new AviCallContext("admin", "test"), CancellationToken.None);
        await ApplyAsync("""
            apiVersion: ako.vmware.com/v1alpha2
            kind: L4Rule
            metadata: {name: scripts}
            spec:
              vsDatascriptRefs: [web-script]
            """);
        Assert.Equal("Accepted", await StatusAsync("scripts"));

        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", "ako.vmware.com/l4rule=scripts");
        var vs = await ObjectWhereAsync("virtualservice", Vs, v => v["vs_datascripts"] is JsonArray { Count: 1 }, "the VS with the datascript");
        Assert.EndsWith(Uuid("vsdatascriptset", "web-script"), vs["vs_datascripts"]![0]!["vs_datascript_set_ref"]!.GetValue<string>());
        // The CRD's defaults (System-L4-Application, System-TCP-Proxy, least connections) are what the tree already has.
        await Eventually.HoldsAsync(() => Task.FromResult(Writes(mark).Count > 0), "the attach's write");
        Assert.Equal([$"PUT virtualservice {Vs} 200"], Writes(mark));

        mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("delete", "l4rule", "scripts");
        await ObjectWhereAsync("virtualservice", Vs, v => v["vs_datascripts"] is null, "the VS without the datascript");
        await Eventually.HoldsAsync(() => Task.FromResult(Writes(mark).Count > 0), "the delete's write");
        Assert.Equal([$"PUT virtualservice {Vs} 200"], Writes(mark));
        Assert.NotNull(_world.AviObject("vsdatascriptset", "web-script"));
        Assert.Contains("does not exist", await ServiceProbes.EventAsync(_world, "web", "L4RuleNotFound"));
    }

    [Fact]
    public async Task A_rule_sets_the_vs_limits_logs_and_policies_and_the_pools_state_an_edit_of_a_limit_rewrites_only_the_vs_and_deleting_it_restores_the_defaults()
    {
        var rest = _world.Replicas[0].Host.Services.GetRequiredService<AviRestClient>();
        var admin = new AviCallContext("admin", "test");
        await rest.CreateAsync("networksecuritypolicy", new JsonObject { ["name"] = "allow-office" }, admin, CancellationToken.None);
        await rest.CreateAsync("analyticsprofile", new JsonObject { ["name"] = "team-analytics" }, admin, CancellationToken.None);
        await rest.CreateAsync("securitypolicy", new JsonObject { ["name"] = "ddos-guard" }, admin, CancellationToken.None);
        await ApplyAsync("""
            apiVersion: ako.vmware.com/v1alpha2
            kind: L4Rule
            metadata: {name: limits}
            spec:
              analyticsProfileRef: team-analytics
              networkSecurityPolicyRef: allow-office
              securityPolicyRef: ddos-guard
              analyticsPolicy:
                fullClientLogs: {enabled: true, throttle: 30, duration: 0}
              performanceLimits: {maxConcurrentConnections: 105, maxThroughput: 100}
              backendProperties:
              - port: 80
                protocol: TCP
                enabled: false
                minServersUp: 1
                analyticsPolicy: {enableRealtimeMetrics: true}
            """);
        Assert.Equal("Accepted", await StatusAsync("limits"));
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", "ako.vmware.com/l4rule=limits");

        var vs = await ObjectWhereAsync("virtualservice", Vs, v => v["performance_limits"] is JsonObject, "the VS with the rule's limits");
        Assert.Equal((105, 100), (vs["performance_limits"]!["max_concurrent_connections"]!.GetValue<int>(), vs["performance_limits"]!["max_throughput"]!.GetValue<int>()));
        Assert.EndsWith(Uuid("networksecuritypolicy", "allow-office"), vs["network_security_policy_ref"]!.GetValue<string>());
        Assert.EndsWith(Uuid("analyticsprofile", "team-analytics"), vs["analytics_profile_ref"]!.GetValue<string>());
        Assert.EndsWith(Uuid("securitypolicy", "ddos-guard"), vs["security_policy_ref"]!.GetValue<string>());
        var logs = vs["analytics_policy"]!["full_client_logs"]!;
        Assert.Equal((true, 30, 0), (logs["enabled"]!.GetValue<bool>(), logs["throttle"]!.GetValue<int>(), logs["duration"]!.GetValue<int>()));
        var pool = await ObjectWhereAsync("pool", Pool, p => p["min_servers_up"] is not null, "the pool with the backend's state");
        Assert.Equal((false, 1, true), (pool["enabled"]!.GetValue<bool>(), pool["min_servers_up"]!.GetValue<int>(),
            pool["analytics_policy"]!["enable_realtime_metrics"]!.GetValue<bool>()));
        // Every field set is acted on: the rule was admitted without a FieldsNotActedOn event.
        Assert.Empty((await _world.Kubectl.SucceedAsync("get", "events", "--field-selector", "involvedObject.name=limits,reason=FieldsNotActedOn",
            "-o", "jsonpath={.items[*].message}")).StandardOutput.Trim());

        // An edit of a VS-level limit rewrites exactly the VS.
        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "l4rule", "limits", "--type=merge", "-p", """{"spec":{"performanceLimits":{"maxConcurrentConnections":200}}}""");
        await ObjectWhereAsync("virtualservice", Vs, v => v["performance_limits"]?["max_concurrent_connections"]?.GetValue<int>() == 200, "the VS with the new limit");
        await Eventually.HoldsAsync(() => Task.FromResult(Writes(mark).Count > 0), "the edit's write");
        Assert.Equal([$"PUT virtualservice {Vs} 200"], Writes(mark));

        // Deleting the rule writes the controller's defaults back on both.
        await _world.Kubectl.SucceedAsync("delete", "l4rule", "limits");
        var restored = await ObjectWhereAsync("virtualservice", Vs, v => v["performance_limits"] is null, "the VS without limits");
        Assert.Null(restored["network_security_policy_ref"]);
        // Written without one, so the controller's default fills in (as a controller does).
        Assert.EndsWith(Uuid("analyticsprofile", "System-Analytics-Profile"), restored["analytics_profile_ref"]!.GetValue<string>());
        Assert.Null(restored["security_policy_ref"]);
        Assert.Null(restored["analytics_policy"]);
        var enabled = await ObjectWhereAsync("pool", Pool, p => p["enabled"]!.GetValue<bool>(), "the pool enabled again");
        Assert.Null(enabled["min_servers_up"]);
        Assert.Null(enabled["analytics_policy"]);

        // AviSim's cloud is vCenter: as AKO, a rule revoking the VIP route is Rejected there.
        await ApplyAsync("""
            apiVersion: ako.vmware.com/v1alpha2
            kind: L4Rule
            metadata: {name: revoke}
            spec:
              revokeVipRoute: true
            """);
        Assert.Equal("Rejected", await StatusAsync("revoke"));
        Assert.Contains("NSX-T clouds only", (await _world.Kubectl.SucceedAsync("get", "l4rule", "revoke", "-o", "jsonpath={.status.error}")).StandardOutput);

        // So is one naming HealthMonitor resources: they belong to AKO's CRD operator, which this controller does not run.
        await ApplyAsync("""
            apiVersion: ako.vmware.com/v1alpha2
            kind: L4Rule
            metadata: {name: crd-monitors}
            spec:
              backendProperties:
              - {port: 80, protocol: TCP, healthMonitorCrdRefs: [my-health-monitor]}
            """);
        Assert.Equal("Rejected", await StatusAsync("crd-monitors"));
        Assert.Contains("healthMonitorCrdRefs names HealthMonitor resources",
            (await _world.Kubectl.SucceedAsync("get", "l4rule", "crd-monitors", "-o", "jsonpath={.status.error}")).StandardOutput);
    }

    [Fact]
    public async Task An_ssl_listener_terminates_tls_on_the_vs_with_the_rules_certificate_and_a_listener_for_another_port_leaves_the_rule_unapplied()
    {
        var rest = _world.Replicas[0].Host.Services.GetRequiredService<AviRestClient>();
        var (certificate, key) = SelfSignedCertificates.For("web.example.com");
        await rest.CreateAsync("sslkeyandcertificate", new JsonObject
        {
            ["name"] = "web-cert", ["certificate"] = new JsonObject { ["certificate"] = certificate }, ["key"] = key,
        }, new AviCallContext("admin", "test"), CancellationToken.None);
        await ApplyAsync("""
            apiVersion: ako.vmware.com/v1alpha2
            kind: L4Rule
            metadata: {name: tls}
            spec:
              applicationProfileRef: System-SSL-Application
              sslProfileRef: System-Standard
              sslKeyAndCertificateRefs: [web-cert]
              listenerProperties:
              - {port: 80, protocol: TCP, enableSsl: true}
            """);
        Assert.Equal("Accepted", await StatusAsync("tls"));
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", "ako.vmware.com/l4rule=tls");

        var vs = await ObjectWhereAsync("virtualservice", Vs, v => v["services"]![0]!["enable_ssl"]!.GetValue<bool>(), "the VS terminating TLS");
        Assert.EndsWith(Uuid("applicationprofile", "System-SSL-Application"), vs["application_profile_ref"]!.GetValue<string>());
        Assert.EndsWith(Uuid("sslprofile", "System-Standard"), vs["ssl_profile_ref"]!.GetValue<string>());
        Assert.EndsWith(Uuid("sslkeyandcertificate", "web-cert"), Assert.Single(vs["ssl_key_and_certificate_refs"]!.AsArray())!.GetValue<string>());

        // A listener for a port the Service does not have: as AKO, the rule is not applied to it, and the Service says why.
        await _world.Kubectl.SucceedAsync("patch", "l4rule", "tls", "--type=json",
            "-p", """[{"op":"replace","path":"/spec/listenerProperties/0/port","value":443}]""");
        Assert.Contains("443/TCP", await ServiceProbes.EventAsync(_world, "web", "L4RuleListenerNotMatched"));
        var plain = await ObjectWhereAsync("virtualservice", Vs, v => !v["services"]![0]!["enable_ssl"]!.GetValue<bool>(), "the VS without TLS");
        Assert.EndsWith(Uuid("applicationprofile", "System-L4-Application"), plain["application_profile_ref"]!.GetValue<string>());
        Assert.Null(plain["ssl_profile_ref"]);
        Assert.Null(plain["ssl_key_and_certificate_refs"]);

        // The VS's SSL fields with the CRD's default L4 application profile are refused, as AKO refuses them.
        await _world.Kubectl.SucceedAsync("patch", "l4rule", "tls", "--type=merge", "-p", """{"spec":{"applicationProfileRef":"System-L4-Application"}}""");
        Assert.Equal("Rejected", await StatusAsync("tls", "Rejected"));
        Assert.StartsWith("sslProfileRef and sslKeyAndCertificateRefs apply only",
            (await _world.Kubectl.SucceedAsync("get", "l4rule", "tls", "-o", "jsonpath={.status.error}")).StandardOutput);
    }

    private async Task ApplyAsync(string manifest) => (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();

    private Task<string> StatusAsync(string name, string? expected = null) =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "l4rule", name, "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 && (expected is null || status == expected) ? status : null;
        }, $"a status on L4Rule {name}", TimeSpan.FromSeconds(30));

    private Task<JsonObject> ObjectWhereAsync(string type, string name, Func<JsonObject, bool> condition, string what) =>
        Eventually.GetAsync(() => Task.FromResult(_world.AviObject(type, name) is { } found && condition(found) ? found : null), what, TimeSpan.FromSeconds(30));

    private string Uuid(string type, string name) =>
        _world.AviObject(type, name)?["uuid"]?.GetValue<string>() ?? throw new InvalidOperationException($"no {type} {name} on AviSim");

    private List<string> Writes(long mark) => _world.WriteLinesSince(mark);
}
