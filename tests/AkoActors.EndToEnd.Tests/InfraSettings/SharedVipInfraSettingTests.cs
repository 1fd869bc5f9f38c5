using System.Text.Json.Nodes;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>Issue 14 points 4/5 for a shared-VIP group end to end (kubectl against KubeSim, the Avi client against AviSim): as
/// AKO, the group's first member names the AviInfraSetting (SE group, dual-stack VIP network) and the L4Rule (a member's
/// pool's backend properties) the one VS takes; the VIP is allocated in every family a member asks for and each member's
/// status shows every address; a member naming another setting is told which applies and how to fix it; an L4Rule edit
/// rewrites exactly the affected pool.</summary>
/// <remarks>Shapes relied on: the Service annotations <c>ako.vmware.com/enable-shared-vip</c>,
/// <c>aviinfrasetting.ako.vmware.com/name</c>, <c>ako.vmware.com/l4rule</c>; AKO's v1beta1 AviInfraSetting
/// <c>spec.{seGroup.name, network.vipNetworks[].{networkName, cidr, v6cidr}}</c>; the v1alpha2 L4Rule
/// <c>spec.backendProperties[].{port, protocol, lbAlgorithm}</c>; a vsvip's <c>vip[0].{auto_allocate_ip_type, ip_address,
/// ip6_address, ipam_network_subnet.network_ref}</c>.</remarks>
public sealed class SharedVipInfraSettingTests : IAsyncLifetime
{
    private const string GroupVs = "avi-cluster--default-shared1";
    private const string BetaPool = "avi-cluster--default-beta-shared1-UDP-53";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await InfraSettingWorld.StartAsync(InfraSettingWorld.DualStackNetwork("dual-vip", 253));
        var l4Crd = Path.Combine(Deployment.RepositoryPaths.Root, "deploy", "helm", "ako-actors", "crds", "ako.vmware.com_l4rules.yaml");
        await _world.Kubectl.SucceedAsync("apply", "-f", l4Crd);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task The_first_members_infra_setting_and_l4rule_shape_the_group_vip_in_every_family_its_members_ask()
    {
        await ApplyAsync("""
            {"apiVersion": "ako.vmware.com/v1beta1", "kind": "AviInfraSetting", "metadata": {"name": "dual"},
             "spec": {"seGroup": {"name": "infra-se-group"},
                      "network": {"vipNetworks": [{"networkName": "dual-vip", "cidr": "172.16.253.0/24", "v6cidr": "2001:db8:253::/64"}]}}}
            """);
        await ApplyAsync("""
            {"apiVersion": "ako.vmware.com/v1alpha2", "kind": "L4Rule", "metadata": {"name": "group-rule", "namespace": "default"},
             "spec": {"backendProperties": [{"port": 53, "protocol": "UDP", "lbAlgorithm": "LB_ALGORITHM_ROUND_ROBIN"}]}}
            """);
        await EventuallyStatusAsync("aviinfrasetting", "dual");
        await EventuallyStatusAsync("l4rule", "group-rule");

        // alpha leads (created first): it names the setting and the rule; beta asks IPv6 and names no setting.
        await ApplyAsync(Service("alpha", "TCP", 80, """["IPv4"]""", "SingleStack",
            """, "aviinfrasetting.ako.vmware.com/name": "dual", "ako.vmware.com/l4rule": "group-rule" """));
        await ServiceProbes.IngressIpsAsync(_world, "alpha", 1);
        await ApplyAsync(Service("beta", "UDP", 53, """["IPv6"]""", "SingleStack", ""));

        var both = await ServiceProbes.IngressIpsAsync(_world, "beta", 2);
        Assert.Equal(["172.16.253.1", "2001:db8:253::1"], both);
        Assert.Equal(both, await ServiceProbes.IngressIpsAsync(_world, "alpha", 2));
        var vip = _world.AviObject("vsvip", GroupVs)!["vip"]![0]!.AsObject();
        Assert.Equal("V4_V6", vip["auto_allocate_ip_type"]!.GetValue<string>());
        Assert.EndsWith(Uuid("network", "dual-vip"), vip["ipam_network_subnet"]!["network_ref"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(Uuid("serviceenginegroup", "infra-se-group"), _world.AviObject("virtualservice", GroupVs)!["se_group_ref"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Equal("LB_ALGORITHM_ROUND_ROBIN", _world.AviObject("pool", BetaPool)!["lb_algorithm"]!.GetValue<string>());
        // beta names neither the setting nor the rule: one Warning for each, naming what applies and the fix.
        var conflicts = await Eventually.GetAsync(async () =>
        {
            var events = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=beta,reason=SharedVipSettingConflict",
                "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}")).StandardOutput;
            var lines = events.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length == 2 ? lines : null;
        }, "two SharedVipSettingConflict Warnings on beta", TimeSpan.FromSeconds(30));
        Assert.Contains(conflicts, m => m.Contains("default/beta names AviInfraSetting (none), but the shared VIP 'shared1' of namespace default is placed with dual",
            StringComparison.Ordinal) && m.Contains("aviinfrasetting.ako.vmware.com/name annotation", StringComparison.Ordinal));
        Assert.Contains(conflicts, m => m.Contains("default/beta names L4Rule (none), but the shared VIP 'shared1' of namespace default takes L4Rule default/group-rule",
            StringComparison.Ordinal));

        // An edit of the rule's backend rewrites exactly beta's pool.
        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "l4rule", "group-rule", "--type=json",
            "-p", """[{"op":"replace","path":"/spec/backendProperties/0/lbAlgorithm","value":"LB_ALGORITHM_LEAST_CONNECTIONS"}]""");
        await Eventually.HoldsAsync(() => Task.FromResult(
                _world.AviObject("pool", BetaPool)!["lb_algorithm"]!.GetValue<string>() == "LB_ALGORITHM_LEAST_CONNECTIONS"),
            "beta's pool with the edited algorithm");
        Assert.Equal([$"PUT pool {BetaPool} 200"], Writes(mark));
    }

    private static string Service(string name, string protocol, int port, string families, string policy, string moreAnnotations) => $$"""
        {"apiVersion": "v1", "kind": "Service",
         "metadata": {"name": "{{name}}", "namespace": "default", "annotations": {"ako.vmware.com/enable-shared-vip": "shared1"{{moreAnnotations}} } },
         "spec": {"type": "LoadBalancer", "selector": {"app": "{{name}}"}, "ports": [{"protocol": "{{protocol}}", "port": {{port}}}],
                  "ipFamilies": {{families}}, "ipFamilyPolicy": "{{policy}}" } }
        """;

    private async Task ApplyAsync(string manifest) => (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();

    private Task<string> EventuallyStatusAsync(string kind, string name) =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", kind, name, "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status == "Accepted" ? status : null;
        }, $"{kind} {name} Accepted", TimeSpan.FromSeconds(30));

    private string Uuid(string type, string name) => _world.AviObject(type, name)!["uuid"]!.GetValue<string>();

    private List<string> Writes(long mark) => _world.WriteLinesSince(mark).Where(w => !w.Contains(" vrfcontext ", StringComparison.Ordinal)).ToList();
}
