using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.Testing;
using k8s;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>An AviInfraSetting on Ingresses end to end, as a user does it: the chart's CRD, the setting and an IngressClass
/// whose <c>spec.parameters</c> name it applied with kubectl; the shared VSes of the setting read back from AviSim.</summary>
/// <remarks>Shapes relied on: IngressClass <c>spec.parameters {apiGroup: ako.vmware.com, kind: AviInfraSetting, name,
/// scope: Cluster}</c> (AKO's docs/crds/avinfrasetting.md); AKO's names for a setting's shared VSes,
/// <c>&lt;cluster&gt;--Shared-L7-&lt;setting&gt;-&lt;n&gt;</c>, and for their insecure pools,
/// <c>&lt;cluster&gt;--&lt;setting&gt;-&lt;host&gt;&lt;path&gt;-&lt;ns&gt;-&lt;ingress&gt;</c>. AviSim has, besides its default
/// profile (SE group Default-Group, VIP network alb-vip 172.16.251.0/24), the SE group <c>infra-se-group</c> and the VIP
/// network <c>infra-vip</c> (172.16.252.0/24). The controller runs with one shard (shardVSSize absent), so the controller's
/// own shared VS is <c>avi-cluster--Shared-L7-0</c>. Host <c>shop.ako.example.com</c> is shard 0 of 1 and shard 1 of 4
/// (FNV-1a-32).</remarks>
public sealed class IngressInfraSettingTests : IAsyncLifetime
{
    private const string Host = "shop.ako.example.com";
    private const string OwnVs = "avi-cluster--Shared-L7-0";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await InfraSettingWorld.StartAsync(new SeedObject("httppolicyset", new JsonObject
        {
            // Named like the first shared VS of setting "planted", made by this cluster, but not marked for that setting.
            ["name"] = "avi-cluster--Shared-L7-planted-0",
            ["created_by"] = "ako-avi-cluster",
            ["markers"] = new JsonArray(new JsonObject { ["key"] = "clustername", ["values"] = new JsonArray("avi-cluster") }),
        }));
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--port=80");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Attaching_resizing_and_detaching_the_classs_setting_moves_the_host_live_and_the_address_is_never_empty()
    {
        await ApplyAsync(Setting("slice", "SMALL"));
        Assert.Equal("Accepted", await StatusAsync("slice"));
        await ApplyAsync(InfraSettingWorld.IngressClass("slice-class", null));
        await ApplyAsync(Ingress("shop", Host, "slice-class"));
        // Side by side: an Ingress of the default class, which has no setting, keeps the controller's own VS throughout.
        await _world.Kubectl.SucceedAsync("create", "ingress", "plain", "--rule=plain.ako.example.com/*=web:80");
        var own = await AddressAsync("shop", "172.16.251.");
        Assert.Equal(own, await AddressAsync("plain", "172.16.251."));
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = IngressProbes.WatchAddressesAsync(_world, "default", "shop", seen, watching.Token);

        // Attach: the class names the setting.
        var mark = _world.AuditMark;
        await ApplyAsync(InfraSettingWorld.IngressClass("slice-class", "slice"));

        var onSetting = await AddressAsync("shop", "172.16.252.");
        Assert.Equal(onSetting, VipOf("avi-cluster--Shared-L7-slice-0"));
        var vs = _world.AviObject("virtualservice", "avi-cluster--Shared-L7-slice-0")!;
        Assert.EndsWith(Uuid("serviceenginegroup", "infra-se-group"), vs["se_group_ref"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("slice", InfraSettingMarker(vs));
        Assert.Equal("slice", InfraSettingMarker(_world.AviObject("pool", "avi-cluster--slice-shop.ako.example.com_-default-shop")!));
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("pool", "avi-cluster--shop.ako.example.com_-default-shop") is null),
            "shop's pool gone from the controller's own VS", TimeSpan.FromSeconds(30));
        var attach = Writes(mark);
        // Made before broken: the setting's VS serves the host before the host leaves the controller's own VS.
        Assert.True(Sequence(attach, "POST", "virtualservice", "avi-cluster--Shared-L7-slice-0") < Sequence(attach, "DELETE", "pool", "avi-cluster--shop.ako.example.com_-default-shop"),
            string.Join("\n", attach.Select(w => w.Line)));
        Assert.Equal(
            string.Join("\n", new[]
            {
                "POST pool avi-cluster--slice-shop.ako.example.com_-default-shop",
                "POST httppolicyset avi-cluster--Shared-L7-slice-0",
                "POST vsvip avi-cluster--Shared-L7-slice-0",
                "POST virtualservice avi-cluster--Shared-L7-slice-0",
                $"PUT httppolicyset {OwnVs}",
                $"PUT vsvip {OwnVs}",
                "DELETE pool avi-cluster--shop.ako.example.com_-default-shop",
            }.Order(StringComparer.Ordinal)),
            string.Join("\n", attach.Select(w => w.Line).Order(StringComparer.Ordinal)));
        Assert.Equal(own, await AddressAsync("plain", "172.16.251."));

        // Resize: MEDIUM hashes the host to shard 1 of the setting.
        mark = _world.AuditMark;
        await _world.Kubectl.SucceedAsync("patch", "aviinfrasetting", "slice", "--type=merge", "-p", """{"spec":{"l7Settings":{"shardSize":"MEDIUM"}}}""");

        var resized = await AddressAsync("shop", "172.16.252.", not: onSetting);
        Assert.Equal(resized, VipOf("avi-cluster--Shared-L7-slice-1"));
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("virtualservice", "avi-cluster--Shared-L7-slice-0") is null),
            "the emptied shard 0 of the setting deleted", TimeSpan.FromSeconds(30));
        Assert.Null(_world.AviObject("vsvip", "avi-cluster--Shared-L7-slice-0"));
        var resize = Writes(mark);
        Assert.True(Sequence(resize, "POST", "virtualservice", "avi-cluster--Shared-L7-slice-1") < Sequence(resize, "DELETE", "virtualservice", "avi-cluster--Shared-L7-slice-0"),
            string.Join("\n", resize.Select(w => w.Line)));

        // Detach: the class names no setting any more; the host goes back to the controller's own VS, the setting's VS goes.
        await _world.Kubectl.SucceedAsync("patch", "ingressclass", "slice-class", "--type=json", "-p", """[{"op":"remove","path":"/spec/parameters"}]""");

        Assert.Equal(own, await AddressAsync("shop", "172.16.251."));
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("virtualservice", "avi-cluster--Shared-L7-slice-1") is null),
            "the setting's last VS deleted", TimeSpan.FromSeconds(30));
        Assert.NotNull(_world.AviObject("pool", "avi-cluster--shop.ako.example.com_-default-shop"));
        Assert.Null(_world.AviObject("pool", "avi-cluster--slice-shop.ako.example.com_-default-shop"));
        watching.Cancel();
        await watch;

        Assert.NotEmpty(seen);
        Assert.All(seen, ip => Assert.True(ip == own || ip == onSetting || ip == resized,
            $"ADDRESS showed '{ip}' (own {own}, setting {onSetting}, resized {resized}): [{string.Join(", ", seen)}]"));
        Assert.Equal(own, seen[^1]);
    }

    [Fact]
    public async Task A_class_naming_a_rejected_setting_is_served_on_the_controllers_own_vs_with_a_warning_until_the_setting_is_fixed()
    {
        await ApplyAsync(Setting("broken", null, seGroup: "no-such-group"));
        Assert.Equal("Rejected", await StatusAsync("broken"));
        await ApplyAsync(InfraSettingWorld.IngressClass("broken-class", "broken"));
        await ApplyAsync(Ingress("shop", Host, "broken-class"));

        var own = await AddressAsync("shop", "172.16.251.");
        Assert.Equal(own, VipOf(OwnVs));
        var warning = await Eventually.GetAsync(async () =>
        {
            var events = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=shop,type=Warning",
                "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).StandardOutput;
            return events.Split('\n').FirstOrDefault(line => line.StartsWith("InfraSettingNotApplied:", StringComparison.Ordinal));
        }, "an InfraSettingNotApplied Warning on default/shop", TimeSpan.FromSeconds(30));
        Assert.Contains("Ingress default/shop names AviInfraSetting broken (spec.parameters of IngressClass broken-class), but AviInfraSetting broken is Rejected",
            warning, StringComparison.Ordinal);
        Assert.Null(_world.AviObject("virtualservice", "avi-cluster--Shared-L7-broken-0"));

        await _world.Kubectl.SucceedAsync("patch", "aviinfrasetting", "broken", "--type=merge", "-p", """{"spec":{"seGroup":{"name":"infra-se-group"}}}""");

        Assert.Equal("Accepted", await StatusAsync("broken", "Accepted"));
        var fixedAddress = await AddressAsync("shop", "172.16.252.");
        Assert.Equal(fixedAddress, VipOf("avi-cluster--Shared-L7-broken-0"));
        Assert.EndsWith(Uuid("serviceenginegroup", "infra-se-group"),
            _world.AviObject("virtualservice", "avi-cluster--Shared-L7-broken-0")!["se_group_ref"]!.GetValue<string>(), StringComparison.Ordinal);
        // Accepted, the setting's SE group got AKO's cluster label for this cluster's static routes.
        var label = Assert.Single(_world.AviObject("serviceenginegroup", "infra-se-group")!["labels"]!.AsArray())!;
        Assert.Equal(("clustername", "avi-cluster"), (label["key"]!.GetValue<string>(), label["value"]!.GetValue<string>()));
        // The controller's own VS served only this host: emptied, it is deleted.
        await Eventually.HoldsAsync(() => Task.FromResult(_world.AviObject("virtualservice", OwnVs) is null), "the emptied own VS deleted",
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task On_a_private_cloud_enable_public_ip_writes_no_floating_ip_and_the_ingress_and_the_service_hear_why()
    {
        await ApplyAsync(Setting("public", "SMALL").Replace("    vipNetworks:", "    enablePublicIP: true\n    vipNetworks:", StringComparison.Ordinal));
        Assert.Equal("Accepted", await StatusAsync("public"));
        await ApplyAsync(InfraSettingWorld.IngressClass("public-class", "public"));
        await ApplyAsync(Ingress("shop", Host, "public-class"));
        await _world.Kubectl.SucceedAsync("create", "service", "loadbalancer", "lb", "--tcp=80:80");
        await _world.Kubectl.SucceedAsync("annotate", "svc", "lb", "aviinfrasetting.ako.vmware.com/name=public");

        // Served on the setting's VIP network, as AKO on a vCenter cloud (which drops the flag without a word).
        Assert.Equal(VipOf("avi-cluster--Shared-L7-public-0"), await AddressAsync("shop", "172.16.252."));
        foreach (var (kind, name) in new[] { ("Ingress", "shop"), ("Service", "lb") })
        {
            var warning = await Eventually.GetAsync(async () =>
            {
                var events = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", $"involvedObject.name={name},involvedObject.kind={kind},type=Warning",
                    "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).StandardOutput;
                return events.Split('\n').FirstOrDefault(line => line.StartsWith("PublicIpNotApplied:", StringComparison.Ordinal));
            }, $"a PublicIpNotApplied Warning on {kind} default/{name}", TimeSpan.FromSeconds(30));
            Assert.Contains("AviInfraSetting public sets spec.network.enablePublicIP, but cloud Default-Cloud is CLOUD_VCENTER", warning, StringComparison.Ordinal);
        }
        foreach (var vsvip in new[] { "avi-cluster--Shared-L7-public-0", "avi-cluster--default-lb" })
        {
            var entry = await Eventually.GetAsync(() => Task.FromResult(_world.AviObject("vsvip", vsvip)?["vip"]?[0]), $"vsvip {vsvip}", TimeSpan.FromSeconds(30));
            Assert.False(entry["auto_allocate_floating_ip"]!.GetValue<bool>());
            Assert.Null(entry["floating_ip"]);
        }
    }

    [Fact]
    public async Task An_object_named_like_a_settings_vs_but_not_marked_for_the_setting_is_never_taken_and_the_host_stays_where_it_is()
    {
        await ApplyAsync(Setting("planted", null));
        Assert.Equal("Accepted", await StatusAsync("planted"));
        await ApplyAsync(InfraSettingWorld.IngressClass("planted-class", null));
        await ApplyAsync(Ingress("shop", Host, "planted-class"));
        var own = await AddressAsync("shop", "172.16.251.");
        var mark = _world.AuditMark;

        await ApplyAsync(InfraSettingWorld.IngressClass("planted-class", "planted"));

        var warning = await Eventually.GetAsync(async () =>
        {
            var events = (await _world.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=shop,type=Warning",
                "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).StandardOutput;
            return events.Split('\n').FirstOrDefault(line => line.StartsWith("NameCollision:", StringComparison.Ordinal));
        }, "a NameCollision Warning on default/shop", TimeSpan.FromSeconds(30));
        Assert.Contains("httppolicyset/avi-cluster--Shared-L7-planted-0 is on the controller for no Kubernetes object, marked for no AviInfraSetting", warning,
            StringComparison.Ordinal);
        // The host keeps its address on the controller's own VS; the planted object and the name are left alone.
        Assert.Equal(own, await AddressAsync("shop", "172.16.251."));
        Assert.DoesNotContain(Writes(mark), w => w.Line.EndsWith(" avi-cluster--Shared-L7-planted-0", StringComparison.Ordinal));
        Assert.NotNull(_world.AviObject("pool", "avi-cluster--shop.ako.example.com_-default-shop"));
    }

    [Fact]
    public async Task A_restarted_replica_takes_a_settings_vs_back_with_no_write()
    {
        await ApplyAsync(Setting("slice", "MEDIUM"));
        Assert.Equal("Accepted", await StatusAsync("slice"));
        await ApplyAsync(InfraSettingWorld.IngressClass("slice-class", "slice"));
        await ApplyAsync(Ingress("shop", Host, "slice-class"));
        await _world.Kubectl.SucceedAsync("create", "ingress", "plain", "--rule=plain.ako.example.com/*=web:80");
        var address = await AddressAsync("shop", "172.16.252.");
        Assert.Equal(address, VipOf("avi-cluster--Shared-L7-slice-1"));
        await AddressAsync("plain", "172.16.251.");

        await _world.Replicas[0].StopAsync();
        var mark = _world.AuditMark;
        var restarted = await _world.StartReplicaAsync("replica-restarted", options => options with
        {
            Informers = options.Informers with { AbsentResourceRecheck = TimeSpan.FromMilliseconds(300) },
        });
        await _world.WaitUntilReadyAsync();
        // Both shared VSes read back, rebuilt from the cache and compared, and the sweep has handed each object to the VS of
        // its marker's setting: nothing of either is rewritten or deleted.
        await Eventually.HoldsAsync(() => Task.FromResult(
                restarted.Metrics.ReconcileCount("ingress", "converged") >= 2 && restarted.Metrics.ReconcileCount("shared-vs", "converged") >= 2 &&
                restarted.Metrics.SweepCount >= 1),
            "the restarted replica to have reconciled both Ingresses and both shared VSes and swept the controller", TimeSpan.FromSeconds(30));

        Assert.Empty(Writes(mark));
        Assert.Equal(address, await AddressAsync("shop", "172.16.252."));
    }

    private List<(long Sequence, string Line)> Writes(long mark) =>
        _world.WritesSince(mark).Where(w => w.Status < 300 && w.ObjectType != "vrfcontext")
            .Select(w => (w.Sequence, $"{w.Method} {w.ObjectType} {w.Name}")).ToList();

    private static long Sequence(List<(long Sequence, string Line)> writes, string method, string type, string name) =>
        writes.Single(w => w.Line == $"{method} {type} {name}").Sequence;

    private static string? InfraSettingMarker(JsonNode avi) =>
        avi["markers"]?.AsArray().FirstOrDefault(m => m?["key"]?.GetValue<string>() == "InfrasettingName")?["values"]?[0]?.GetValue<string>();

    private string? VipOf(string vsvip) => _world.AviObject("vsvip", vsvip)?["vip"]?[0]?["ip_address"]?["addr"]?.GetValue<string>();

    private Task<string> AddressAsync(string ingress, string prefix, string? not = null) =>
        Eventually.GetAsync(async () =>
        {
            var ip = (await _world.Kubectl.RunAsync("get", "ing", ingress, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return ip.StartsWith(prefix, StringComparison.Ordinal) && ip != not ? ip : null;
        }, $"an ADDRESS in {prefix}x{(not is null ? "" : $" other than {not}")} on Ingress default/{ingress}", TimeSpan.FromSeconds(30));

    private async Task ApplyAsync(string manifest) => (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();

    private static string Setting(string name, string? shardSize, string seGroup = "infra-se-group")
    {
        var l7 = shardSize is null ? "" : "  l7Settings: {shardSize: " + shardSize + "}";
        return $$"""
            apiVersion: ako.vmware.com/v1beta1
            kind: AviInfraSetting
            metadata: {name: {{name}}}
            spec:
              seGroup: {name: {{seGroup}}}
              network:
                vipNetworks: [{networkName: infra-vip, cidr: 172.16.252.0/24}]
            {{l7}}
            """;
    }

    private static string Ingress(string name, string host, string className) => $$"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: {{name}}, namespace: default}
        spec:
          ingressClassName: {{className}}
          rules:
          - host: {{host}}
            http:
              paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: web, port: {number: 80} } }
        """;

    private Task<string> StatusAsync(string name, string? expected = null) =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "aviinfrasetting", name, "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 && (expected is null || status == expected) ? status : null;
        }, $"a status on AviInfraSetting {name}", TimeSpan.FromSeconds(30));

    private string Uuid(string type, string name) =>
        _world.AviObject(type, name)?["uuid"]?.GetValue<string>() ?? throw new InvalidOperationException($"no {type} {name} on AviSim");
}
