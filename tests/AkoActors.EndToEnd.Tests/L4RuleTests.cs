using System.Text.Json.Nodes;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>AKO's L4Rule end to end: the chart's CRD applied with kubectl, rules written as AKO's docs/crds/l4rule.md shows
/// them and attached with the Service annotation <c>ako.vmware.com/l4rule</c>, status and events read back with kubectl,
/// and the L4 tree on AviSim checked field by field, with the writes each change costs counted from the audit.</summary>
/// <remarks>Shapes relied on (AKO's v1alpha2 L4Rule): <c>spec.{applicationProfileRef, networkProfileRef, loadBalancerIP,
/// backendProperties[].{port, protocol, lbAlgorithm, lbAlgorithmHash, healthMonitorRefs, applicationPersistenceProfileRef}}</c>;
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
              performanceLimits: {maxConcurrentConnections: 105}
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
        await EventAsync("web", "L4RuleAttached");
        // performanceLimits is accepted but not acted on, and the L4Rule says so.
        Assert.Contains("performanceLimits", await EventAsync("web-rule", "FieldsNotActedOn"));

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
        await EventAsync("web", "L4RuleDetached");
    }

    [Fact]
    public async Task A_missing_or_rejected_l4rule_changes_nothing_fixing_it_applies_it_and_deleting_it_restores_the_defaults()
    {
        // Named before it exists: served with the defaults, with a Warning on the Service.
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", "ako.vmware.com/l4rule=web-rule");
        Assert.Contains("does not exist", await EventAsync("web", "L4RuleNotFound"));

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
        Assert.Contains("Rejected", await EventAsync("web", "L4RuleNotApplied"));
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
        await EventAsync("web", "L4RuleDetached");
    }

    private async Task ApplyAsync(string manifest) => (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();

    private Task<string> StatusAsync(string name, string? expected = null) =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "l4rule", name, "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 && (expected is null || status == expected) ? status : null;
        }, $"a status on L4Rule {name}", TimeSpan.FromSeconds(30));

    /// <summary>The message of the first event with this reason on the named object.</summary>
    private Task<string> EventAsync(string involved, string reason) =>
        Eventually.GetAsync(async () =>
        {
            var output = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", $"involvedObject.name={involved},reason={reason}",
                "-o", "jsonpath={.items[0].message}")).StandardOutput.Trim();
            return output.Length > 0 ? output : null;
        }, $"a {reason} event on {involved}", TimeSpan.FromSeconds(30));

    private Task<JsonObject> ObjectWhereAsync(string type, string name, Func<JsonObject, bool> condition, string what) =>
        Eventually.GetAsync(() => Task.FromResult(_world.AviObject(type, name) is { } found && condition(found) ? found : null), what, TimeSpan.FromSeconds(30));

    private string Uuid(string type, string name) =>
        _world.AviObject(type, name)?["uuid"]?.GetValue<string>() ?? throw new InvalidOperationException($"no {type} {name} on AviSim");

    private List<string> Writes(long mark) => _world.WriteLinesSince(mark);
}
