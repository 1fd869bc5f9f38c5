using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.Testing;
using k8s;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>AKO's AviInfraSetting end to end: the chart's CRD applied with kubectl after the controller started, settings
/// written as AKO's docs/crds/avinfrasetting.md shows them, status read back with kubectl, and the Avi objects on AviSim.</summary>
/// <remarks>Shapes relied on (AKO's v1beta1 AviInfraSetting, cluster scope): <c>spec.seGroup.name</c>,
/// <c>spec.network.{vipNetworks[].{networkName|networkUUID, cidr, v6cidr}, nodeNetworks[].{networkName|networkUUID, cidrs},
/// enableRhi, bgpPeerLabels, listeners[].{port, enableSSL, enableHTTP2}}</c>, <c>spec.l7Settings.shardSize</c>;
/// <c>status.{status, error}</c>. AviSim here has, besides its default profile, the SE groups <c>infra-se-group</c> (no labels) and
/// <c>foreign-se-group</c> (labelled <c>clustername=other-cluster</c>), and the
/// VIP network <c>infra-vip</c> (172.16.252.0/24, VIPs .1-.100).</remarks>
public sealed class AviInfraSettingTests : IAsyncLifetime
{
    private const string Annotation = "aviinfrasetting.ako.vmware.com/name";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await InfraSettingWorld.StartAsync(InfraSettingWorld.SeGroup("foreign-se-group", new JsonArray(new JsonObject { ["key"] = "clustername", ["value"] = "other-cluster" })));
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_setting_naming_a_missing_se_group_is_rejected_writes_nothing_and_is_accepted_once_fixed()
    {
        var mark = _world.AuditMark;
        await ApplyAsync(Setting("isolated", seGroup: "no-such-group"));

        Assert.Equal("Rejected", await StatusAsync("isolated"));
        Assert.Equal("serviceenginegroup \"no-such-group\" named in spec.seGroup.name not found on the Avi Controller (tenant admin); create it there or fix the name",
            await ErrorAsync("isolated"));
        var warning = await WarningAsync("isolated", "Rejected");
        Assert.Contains("no-such-group", warning, StringComparison.Ordinal);
        Assert.Empty(_world.WriteLinesSince(mark));

        await _world.Kubectl.SucceedAsync("patch", "aviinfrasetting", "isolated", "--type=merge", "-p", """{"spec":{"seGroup":{"name":"infra-se-group"}}}""");

        Assert.Equal("Accepted", await StatusAsync("isolated", "Accepted"));
        Assert.Equal("", await ErrorAsync("isolated"));
        // The one write: AKO's cluster label on the setting's SE group, which had none (for this cluster's static routes).
        Assert.Equal(["PUT serviceenginegroup infra-se-group 200"], _world.WriteLinesSince(mark));
        Assert.Equal(("clustername", "avi-cluster"), LabelOf("infra-se-group"));
    }

    [Fact]
    public async Task A_setting_naming_an_se_group_labelled_for_another_cluster_is_rejected_and_the_group_is_left_as_it_is()
    {
        var mark = _world.AuditMark;
        await ApplyAsync(Setting("foreign", seGroup: "foreign-se-group"));

        Assert.Equal("Rejected", await StatusAsync("foreign"));
        Assert.Equal("serviceenginegroup \"foreign-se-group\" named in spec.seGroup.name is labelled [clustername=other-cluster], not clustername=avi-cluster: " +
                     "its Service Engines would not take this cluster's static routes; use an SE group without labels or labelled for this cluster, " +
                     "or set disableStaticRouteSync if the pods are routable", await ErrorAsync("foreign"));
        Assert.Empty(_world.WriteLinesSince(mark));
        Assert.Equal(("clustername", "other-cluster"), LabelOf("foreign-se-group"));
    }

    private (string?, string?) LabelOf(string seGroup) =>
        _world.AviObject("serviceenginegroup", seGroup)?["labels"]?.AsArray().Single() is { } label
            ? (label["key"]?.GetValue<string>(), label["value"]?.GetValue<string>())
            : (null, null);

    [Theory]
    [InlineData("""{"network":{"bgpPeerLabels":["peer1"]}}""", "BGPPeerLabels cannot be set if EnableRhi is false")]
    [InlineData("""{"network":{"vipNetworks":[{"networkName":"infra-vip","cidr":"172.16.252.0/33"}]}}""", "invalid CIDR configuration 172.16.252.0/33 detected for networkName infra-vip in vipNetworkList")]
    [InlineData("""{"network":{"vipNetworks":[{"networkName":"no-such-vip","cidr":"10.9.9.0/24"}]}}""", "network \"no-such-vip\" named in spec.network.vipNetworks not found on the Avi Controller")]
    [InlineData("""{"network":{"vipNetworks":[{"networkUUID":"network-0000","cidr":"10.9.9.0/24"}]}}""", "network with uuid \"network-0000\" named in spec.network.vipNetworks not found on the Avi Controller")]
    [InlineData("""{"network":{"nodeNetworks":[{"networkName":"no-such-nodes","cidrs":["10.1.0.0/16"]}]}}""", "network \"no-such-nodes\" named in spec.network.nodeNetworks not found on the Avi Controller")]
    [InlineData("""{"network":{"listeners":[{"port":8081,"enableSSL":false}]}}""", "One of the port in aviInfraSetting must have SSL enabled")]
    public async Task Akos_reasons_reject_a_setting(string spec, string reason)
    {
        await ApplyAsync($$"""{"apiVersion":"ako.vmware.com/v1beta1","kind":"AviInfraSetting","metadata":{"name":"bad"},"spec":{{spec}}}""");

        Assert.Equal("Rejected", await StatusAsync("bad"));
        Assert.StartsWith(reason, await ErrorAsync("bad"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vip_network_named_by_uuid_is_found_by_uuid()
    {
        var uuid = _world.AviObject("network", "infra-vip")!["uuid"]!.GetValue<string>();
        await ApplyAsync("""{"apiVersion":"ako.vmware.com/v1beta1","kind":"AviInfraSetting","metadata":{"name":"by-uuid"},"spec":{"network":{"vipNetworks":[{"networkUUID":"@uuid@","cidr":"172.16.252.0/24"}]}}}"""
            .Replace("@uuid@", uuid, StringComparison.Ordinal));

        Assert.Equal("Accepted", await StatusAsync("by-uuid"));
    }

    [Fact]
    public async Task A_service_annotation_places_the_vs_on_the_settings_se_group_and_its_vip_on_the_settings_network()
    {
        await ApplyAsync("""
            apiVersion: ako.vmware.com/v1beta1
            kind: AviInfraSetting
            metadata: {name: slice}
            spec:
              seGroup: {name: infra-se-group}
              network:
                vipNetworks: [{networkName: infra-vip, cidr: 172.16.252.0/24}]
                enableRhi: true
                bgpPeerLabels: [peer1, peer2]
            """);
        Assert.Equal("Accepted", await StatusAsync("slice"));

        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80");
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", $"{Annotation}=slice");

        var ip = await ExternalIpAsync("default", "web", "172.16.252.");
        var vs = _world.AviObject("virtualservice", "avi-cluster--default-web")!;
        Assert.EndsWith(Uuid("serviceenginegroup", "infra-se-group"), vs["se_group_ref"]!.GetValue<string>(), StringComparison.Ordinal);
        var vip = _world.AviObject("vsvip", "avi-cluster--default-web")!["vip"]![0]!;
        Assert.Equal(ip, vip["ip_address"]!["addr"]!.GetValue<string>());
        Assert.EndsWith(Uuid("network", "infra-vip"), vip["ipam_network_subnet"]!["network_ref"]!.GetValue<string>(), StringComparison.Ordinal);
        // RHI on the VS and the BGP peers on the vsvip, as AKO sets them.
        Assert.True(vs["enable_rhi"]!.GetValue<bool>());
        Assert.Equal(["peer1", "peer2"], _world.AviObject("vsvip", "avi-cluster--default-web")!["bgp_peer_labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Contains("AviInfraSetting slice applied to Service default/web", await ServiceProbes.EventAsync(_world, "web", "InfraSettingAttached"), StringComparison.Ordinal);

        // Removing the annotation moves the VIP back to the controller's own network, and the Service hears it.
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", $"{Annotation}-");
        await ExternalIpAsync("default", "web", "172.16.251.");
        Assert.Contains("AviInfraSetting slice no longer applied to Service default/web: its VIP moves to the controller's own settings",
            await ServiceProbes.EventAsync(_world, "web", "InfraSettingDetached"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_namespace_annotation_applies_to_its_services_and_a_service_naming_a_rejected_setting_gets_the_controllers_own_and_hears_why()
    {
        await ApplyAsync(Setting("slice", seGroup: "infra-se-group", vipNetwork: "infra-vip"));
        await ApplyAsync(Setting("broken", seGroup: "no-such-group"));
        Assert.Equal("Accepted", await StatusAsync("slice"));
        Assert.Equal("Rejected", await StatusAsync("broken"));
        await _world.Kubectl.SucceedAsync("create", "ns", "red");
        await _world.Kubectl.SucceedAsync("annotate", "ns", "red", $"{Annotation}=slice");
        await _world.Kubectl.SucceedAsync("-n", "red", "create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("-n", "red", "expose", "deploy", "web", "--type=LoadBalancer", "--port=80");
        (await _world.Kubectl.RunWithInputAsync($$$"""
            apiVersion: v1
            kind: Service
            metadata: {name: own, namespace: red, annotations: {"{{{Annotation}}}": broken}}
            spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
            """, "apply", "-f", "-")).EnsureSuccess();

        await ExternalIpAsync("red", "web", "172.16.252.");
        Assert.EndsWith(Uuid("serviceenginegroup", "infra-se-group"), _world.AviObject("virtualservice", "avi-cluster--red-web")!["se_group_ref"]!.GetValue<string>(), StringComparison.Ordinal);
        // AKO's rule: a Service's own annotation naming a setting that is not Accepted does not fall back to the namespace's.
        await ExternalIpAsync("red", "own", "172.16.251.");
        Assert.EndsWith(Uuid("serviceenginegroup", "Default-Group"), _world.AviObject("virtualservice", "avi-cluster--red-own")!["se_group_ref"]!.GetValue<string>(), StringComparison.Ordinal);
        var warning = await Eventually.GetAsync(async () =>
        {
            var events = (await _world.Kubectl.RunAsync("-n", "red", "get", "events", "--field-selector", "involvedObject.name=own,type=Warning",
                "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).StandardOutput;
            return events.Split('\n').FirstOrDefault(line => line.StartsWith("InfraSettingNotApplied:", StringComparison.Ordinal));
        }, "an InfraSettingNotApplied Warning on red/own", TimeSpan.FromSeconds(30));
        Assert.Contains("AviInfraSetting broken is Rejected", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_node_networks_of_a_namespaces_setting_place_its_services_pools_on_a_vcenter_cloud()
    {
        var uuid = _world.AviObject("network", "k8s-nodes")!["uuid"]!.GetValue<string>();
        await ApplyAsync($$"""
            apiVersion: ako.vmware.com/v1beta1
            kind: AviInfraSetting
            metadata: {name: nodes-by-uuid}
            spec:
              network:
                nodeNetworks: [{networkUUID: {{uuid}}, cidrs: [172.16.250.0/24]}]
            """);
        Assert.Equal("Accepted", await StatusAsync("nodes-by-uuid"));
        await _world.Kubectl.SucceedAsync("create", "ns", "blue");
        await _world.Kubectl.SucceedAsync("annotate", "ns", "blue", $"{Annotation}=nodes-by-uuid");
        await _world.Kubectl.SucceedAsync("-n", "blue", "create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("-n", "blue", "expose", "deploy", "web", "--type=LoadBalancer", "--port=80");

        await ExternalIpAsync("blue", "web", "172.16.251.");
        var placements = _world.AviObject("pool", "avi-cluster--blue-web-TCP-80")!["placement_networks"]!.AsArray();
        var placement = Assert.Single(placements)!;
        Assert.EndsWith(uuid, placement["network_ref"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("172.16.250.0", 24), (placement["subnet"]!["ip_addr"]!["addr"]!.GetValue<string>(), placement["subnet"]!["mask"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Fixing_a_rejected_setting_applies_it_and_editing_it_rewrites_exactly_the_vs()
    {
        await ApplyAsync(Setting("segs", seGroup: "no-such-group"));
        Assert.Equal("Rejected", await StatusAsync("segs"));
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80");
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", $"{Annotation}=segs");
        var ip = await ExternalIpAsync("default", "web", "172.16.251.");
        await Eventually.HoldsAsync(() => Task.FromResult(SeGroupOfWeb() == Uuid("serviceenginegroup", "Default-Group")), "web on Default-Group");

        var mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "aviinfrasetting", "segs", "--type=merge", "-p", """{"spec":{"seGroup":{"name":"infra-se-group"}}}""");

        await Eventually.HoldsAsync(() => Task.FromResult(SeGroupOfWeb() == Uuid("serviceenginegroup", "infra-se-group")), "web moved to infra-se-group",
            TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => Task.FromResult(_world.WriteLinesSince(mark).Any(w => w.Contains(" virtualservice ", StringComparison.Ordinal))), "the fix's write");
        // The SE group is labelled for this cluster when the setting is checked, before it is Accepted and applied.
        Assert.Equal(["PUT serviceenginegroup infra-se-group 200", "PUT virtualservice avi-cluster--default-web 200"], _world.WriteLinesSince(mark));

        mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "aviinfrasetting", "segs", "--type=merge", "-p", """{"spec":{"seGroup":{"name":"Default-Group"}}}""");

        await Eventually.HoldsAsync(() => Task.FromResult(SeGroupOfWeb() == Uuid("serviceenginegroup", "Default-Group")), "web back on Default-Group",
            TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => Task.FromResult(_world.WriteLinesSince(mark).Count > 0), "the edit's write");
        Assert.Equal(["PUT virtualservice avi-cluster--default-web 200"], _world.WriteLinesSince(mark));
        // Same VIP network: the address stays.
        Assert.Equal(ip, await ExternalIpAsync("default", "web", "172.16.251."));
    }

    [Fact]
    public async Task Detaching_the_setting_moves_the_vip_back_make_before_break_and_the_status_always_names_a_served_vip()
    {
        await ApplyAsync(Setting("slice", seGroup: "infra-se-group", vipNetwork: "infra-vip"));
        Assert.Equal("Accepted", await StatusAsync("slice"));
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80");
        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", $"{Annotation}=slice");
        var before = await ExternalIpAsync("default", "web", "172.16.252.");
        var vsUuid = Uuid("virtualservice", "avi-cluster--default-web");
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = ServiceStatusHistory.RecordAsync(_world.Client, "default", "web", seen, watching.Token);
        var mark = _world.AuditMark;

        await _world.Kubectl.SucceedAsync("annotate", "svc", "web", $"{Annotation}-");

        var after = await ExternalIpAsync("default", "web", "172.16.251.");
        await Eventually.HoldsAsync(() => Task.FromResult(
                _world.AviObject("virtualservice", "avi-cluster--default-web")?["se_group_ref"]?.GetValue<string>().EndsWith(Uuid("serviceenginegroup", "Default-Group"),
                    StringComparison.Ordinal) == true &&
                _world.AviObject("vsvip", "avi-cluster--default-web")?["vip"]?.AsArray().Count == 1),
            "the VS back on Default-Group and the old VIP released", TimeSpan.FromSeconds(30));
        watching.Cancel();
        await watch;

        Assert.NotEmpty(seen);
        Assert.All(seen, ip => Assert.True(ip == before || ip == after, $"status showed '{ip}' (before {before}, after {after}): [{string.Join(", ", seen)}]"));
        Assert.Equal(after, seen[^1]);
        // The VS was never deleted (served throughout): the vsvip got an entry in the other network beside the old one (the
        // controller keeps an allocated address on a PUT naming another network), the status moved to its address, and
        // the old entry went; the SE group edit is the VS PUT. The pool and the L4 policy set are untouched.
        Assert.Equal(vsUuid, Uuid("virtualservice", "avi-cluster--default-web"));
        var vip = _world.AviObject("vsvip", "avi-cluster--default-web")!["vip"]!.AsArray().Single()!;
        Assert.Equal(after, vip["ip_address"]?["addr"]?.GetValue<string>());
        var writes = _world.WriteLinesSince(mark).Where(w => !w.Contains(" vrfcontext ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["PUT virtualservice avi-cluster--default-web 200", "PUT vsvip avi-cluster--default-web 200", "PUT vsvip avi-cluster--default-web 200"],
            writes.Order(StringComparer.Ordinal));
        Assert.Equal("PUT vsvip avi-cluster--default-web 200", writes[^1]);
    }

    private static string Setting(string name, string? seGroup = null, string? vipNetwork = null)
    {
        var spec = new List<string>();
        if (seGroup is not null) spec.Add($"\"seGroup\":{{\"name\":\"{seGroup}\"}}");
        if (vipNetwork is not null) spec.Add($"\"network\":{{\"vipNetworks\":[{{\"networkName\":\"{vipNetwork}\",\"cidr\":\"172.16.252.0/24\"}}]}}");
        return $"{{\"apiVersion\":\"ako.vmware.com/v1beta1\",\"kind\":\"AviInfraSetting\",\"metadata\":{{\"name\":\"{name}\"}},\"spec\":{{{string.Join(",", spec)}}}}}";
    }

    private Task<string> ExternalIpAsync(string ns, string name, string prefix) =>
        Eventually.GetAsync(async () =>
        {
            var ip = (await _world.Kubectl.RunAsync("-n", ns, "get", "svc", name, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return ip.StartsWith(prefix, StringComparison.Ordinal) ? ip : null;
        }, $"an EXTERNAL-IP in {prefix}x on Service {ns}/{name}", TimeSpan.FromSeconds(30));

    private string? SeGroupOfWeb() =>
        AviSeGroupUuid(_world.AviObject("virtualservice", "avi-cluster--default-web")?["se_group_ref"]?.GetValue<string>());

    private static string? AviSeGroupUuid(string? reference) => reference?.Split('/')[^1].Split('#')[0];

    private string Uuid(string type, string name) =>
        _world.AviObject(type, name)?["uuid"]?.GetValue<string>() ?? throw new InvalidOperationException($"no {type} {name} on AviSim");

    private async Task ApplyAsync(string manifest) => (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();

    private Task<string> StatusAsync(string name, string? expected = null) =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "aviinfrasetting", name, "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 && (expected is null || status == expected) ? status : null;
        }, $"a status on AviInfraSetting {name}", TimeSpan.FromSeconds(30));

    private async Task<string> ErrorAsync(string name) =>
        (await _world.Kubectl.SucceedAsync("get", "aviinfrasetting", name, "-o", "jsonpath={.status.error}")).StandardOutput.Trim();

    /// <summary>A cluster-scoped object's events are in namespace default, as kube-apiserver's recorders put them.</summary>
    private Task<string> WarningAsync(string name, string reason) =>
        Eventually.GetAsync(async () =>
        {
            var events = (await _world.Kubectl.RunAsync("-n", "default", "get", "events", "--field-selector", $"involvedObject.name={name},type=Warning",
                "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).StandardOutput;
            return events.Split('\n').FirstOrDefault(line => line.StartsWith(reason + ":", StringComparison.Ordinal));
        }, $"a {reason} Warning on AviInfraSetting {name}", TimeSpan.FromSeconds(30));
}
