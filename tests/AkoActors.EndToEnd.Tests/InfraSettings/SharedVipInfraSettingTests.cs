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

        // The group's VIP has both families; each member shows the address of the family it asks for (as a single Service).
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("vsvip", GroupVs)?["vip"]?[0]?["ip6_address"] is not null),
            "the group's VIP with an IPv6 address", TimeSpan.FromSeconds(30));
        Assert.Equal(["2001:db8:253::1"], await OnlyAsync("beta", "2001:db8:253::1"));
        Assert.Equal(["172.16.253.1"], await OnlyAsync("alpha", "172.16.253.1"));
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
        // Recorded on the member that disagrees alone, not on every member of the group.
        Assert.Empty((await _world.Kubectl.SucceedAsync("get", "events", "--field-selector", "involvedObject.name=alpha,reason=SharedVipSettingConflict",
            "-o", "name")).StandardOutput.Trim());
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

    [Fact]
    public async Task Detaching_the_groups_setting_moves_its_vip_make_before_break_and_every_member_always_shows_a_served_vip()
    {
        await ApplyAsync("""
            {"apiVersion": "ako.vmware.com/v1beta1", "kind": "AviInfraSetting", "metadata": {"name": "slice"},
             "spec": {"seGroup": {"name": "infra-se-group"}, "network": {"vipNetworks": [{"networkName": "infra-vip", "cidr": "172.16.252.0/24"}]}}}
            """);
        await EventuallyStatusAsync("aviinfrasetting", "slice");
        const string Setting = """, "aviinfrasetting.ako.vmware.com/name": "slice" """;
        await ApplyAsync(Service("alpha", "TCP", 80, """["IPv4"]""", "SingleStack", Setting));
        await ServiceProbes.IngressIpsAsync(_world, "alpha", 1);
        await ApplyAsync(Service("beta", "UDP", 53, """["IPv4"]""", "SingleStack", Setting));
        var before = await ExternalIpAsync("beta", "172.16.252.");
        Assert.Equal(before, await ExternalIpAsync("alpha", "172.16.252."));
        var vsUuid = Uuid("virtualservice", GroupVs);
        using var watching = new CancellationTokenSource();
        var seen = new Dictionary<string, List<string>> { ["alpha"] = [], ["beta"] = [] };
        var watches = seen.Select(m => ServiceStatusHistory.RecordAsync(_world.Client, "default", m.Key, m.Value, watching.Token)).ToList();
        var mark = _world.AuditMark;

        await _world.Kubectl.SucceedAsync("annotate", "svc", "alpha", "beta", "aviinfrasetting.ako.vmware.com/name-");

        var after = await ExternalIpAsync("alpha", "172.16.251.");
        Assert.Equal(after, await ExternalIpAsync("beta", "172.16.251."));
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("vsvip", GroupVs)?["vip"]?.AsArray().Count == 1),
            "the old VIP released", TimeSpan.FromSeconds(30));
        watching.Cancel();
        await Task.WhenAll(watches);

        foreach (var (member, ips) in seen)
        {
            Assert.NotEmpty(ips);
            Assert.All(ips, ip => Assert.True(ip == before || ip == after, $"{member} showed '{ip}' (before {before}, after {after}): [{string.Join(", ", ips)}]"));
            Assert.Equal(after, ips[^1]);
        }
        // The VS was never deleted; the vsvip got an entry on the controller's network beside the old one, then lost the old one.
        Assert.Equal(vsUuid, Uuid("virtualservice", GroupVs));
        Assert.EndsWith(Uuid("serviceenginegroup", "Default-Group"), _world.AviObject("virtualservice", GroupVs)!["se_group_ref"]!.GetValue<string>(), StringComparison.Ordinal);
        var writes = Writes(mark);
        Assert.Equal([$"PUT virtualservice {GroupVs} 200", $"PUT vsvip {GroupVs} 200", $"PUT vsvip {GroupVs} 200"], writes.Order(StringComparer.Ordinal));
        Assert.Equal($"PUT vsvip {GroupVs} 200", writes[^1]);
    }

    [Fact]
    public async Task A_member_naming_a_setting_its_first_member_lacks_is_told_the_group_stays_on_the_controllers_settings()
    {
        await ApplyAsync("""
            {"apiVersion": "ako.vmware.com/v1beta1", "kind": "AviInfraSetting", "metadata": {"name": "slice"},
             "spec": {"seGroup": {"name": "infra-se-group"}, "network": {"vipNetworks": [{"networkName": "infra-vip", "cidr": "172.16.252.0/24"}]}}}
            """);
        await EventuallyStatusAsync("aviinfrasetting", "slice");
        await ApplyAsync(Service("alpha", "TCP", 80, """["IPv4"]""", "SingleStack", ""));
        await ExternalIpAsync("alpha", "172.16.251.");
        await ApplyAsync(Service("beta", "UDP", 53, """["IPv4"]""", "SingleStack", """, "aviinfrasetting.ako.vmware.com/name": "slice" """));

        // beta takes the group's VIP on the controller's network, and its Warning says why in plain words.
        await ExternalIpAsync("beta", "172.16.251.");
        var conflict = await Eventually.GetAsync(async () =>
        {
            var message = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=beta,reason=SharedVipSettingConflict",
                "-o", "jsonpath={.items[0].message}")).StandardOutput.Trim();
            return message.Length > 0 ? message : null;
        }, "a SharedVipSettingConflict Warning on beta", TimeSpan.FromSeconds(30));
        Assert.Contains("default/beta names AviInfraSetting slice, but the shared VIP 'shared1' of namespace default is placed with the controller's own " +
            "settings, as its first member default/alpha names no AviInfraSetting", conflict, StringComparison.Ordinal);
        Assert.Contains("aviinfrasetting.ako.vmware.com/name annotation", conflict, StringComparison.Ordinal);
    }

    private Task<string> ExternalIpAsync(string name, string prefix) =>
        Eventually.GetAsync(async () =>
        {
            var ip = (await _world.Kubectl.RunAsync("get", "svc", name, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return ip.StartsWith(prefix, StringComparison.Ordinal) ? ip : null;
        }, $"an EXTERNAL-IP in {prefix}x on Service default/{name}", TimeSpan.FromSeconds(30));

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

    /// <summary>The Service's status addresses once they are exactly <paramref name="address"/>.</summary>
    private Task<string[]> OnlyAsync(string name, string address) =>
        Eventually.GetAsync(async () =>
        {
            var ips = (await _world.Kubectl.RunAsync("get", "svc", name, "-o", "jsonpath={range .status.loadBalancer.ingress[*]}{.ip}{\" \"}{end}")).StandardOutput
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return ips is [var only] && only == address ? ips : null;
        }, $"Service default/{name} showing only {address}", TimeSpan.FromSeconds(30));
}
