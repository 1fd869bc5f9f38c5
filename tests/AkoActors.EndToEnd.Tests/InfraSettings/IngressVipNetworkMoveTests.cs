using System.Text.Json.Nodes;
using AkoActors.Testing;
using k8s;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>An AviInfraSetting's VIP network changed while its shared L7 VS serves an Ingress, as a user does it (kubectl
/// patch of <c>spec.network.vipNetworks</c>): the vsvip moves in place, make-before-break, and the Ingress's status never
/// shows an empty or unallocated address.</summary>
/// <remarks>Shapes relied on: AKO's v1beta1 AviInfraSetting (<c>spec.network.vipNetworks[].{networkName, cidr}</c>,
/// <c>spec.l7Settings.shardSize</c>) attached through IngressClass <c>spec.parameters</c>; the setting's shared VS
/// <c>avi-cluster--Shared-L7-&lt;setting&gt;-0</c> (shard 0 of SMALL); a vsvip's <c>vip[]</c> entries, each with its
/// <c>vip_id</c>, <c>ipam_network_subnet.network_ref</c> and <c>ip_address.addr</c>. AviSim has the VIP networks
/// <c>infra-vip</c> (172.16.252.0/24) and <c>moved-vip</c> (172.16.253.0/24), VIPs .1-.100 each, allocated lowest free first.</remarks>
public sealed class IngressVipNetworkMoveTests : IAsyncLifetime
{
    private const string Host = "shop.ako.example.com";
    private const string SettingVs = "avi-cluster--Shared-L7-slice-0";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await InfraSettingWorld.StartAsync(InfraSettingWorld.VipNetwork("moved-vip", 253));
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--port=80");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Changing_the_settings_vip_network_moves_the_shared_vip_make_before_break_and_releases_the_old_address()
    {
        var old = await ServeShopOnTheSettingAsync();
        Assert.Equal([old], Addresses());
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = IngressProbes.WatchAddressesAsync(_world, "default", "shop", seen, watching.Token);
        var mark = _world.AuditMark;

        await PatchNetworkAsync("moved-vip", "172.16.253.0/24");

        var moved = await AddressAsync("172.16.253.");
        // The old entry goes once the Ingress shows the new address: one entry left, on the new network.
        await Eventually.HoldsAsync(() => Task.FromResult(Addresses().SequenceEqual([moved])), "the vsvip left with the new entry only",
            TimeSpan.FromSeconds(30));
        var entry = _world.AviObject("vsvip", SettingVs)!["vip"]![0]!;
        Assert.Equal("1", entry["vip_id"]!.GetValue<string>());
        Assert.EndsWith(Uuid("network", "moved-vip"), entry["ipam_network_subnet"]!["network_ref"]!.GetValue<string>().Split('#')[0], StringComparison.Ordinal);
        // The VS's FQDNs resolve to the served address only.
        Assert.All(_world.Avi.Simulator.DnsRecords.Where(r => r.Description.EndsWith(":" + SettingVs, StringComparison.Ordinal)),
            record => Assert.Equal(moved, record.Address.ToString()));
        // Two writes: the vsvip with a second entry on the new network (allocated there), then without the old one. The VS,
        // its pools and policy sets, and the controller's own VS are untouched; nothing is deleted or created.
        var move = Writes(mark);
        Assert.Equal([$"PUT vsvip {SettingVs}", $"PUT vsvip {SettingVs}"], move.Select(w => w.Line));

        // Back to the first network: the address the first move released is the lowest free one there again.
        await PatchNetworkAsync("infra-vip", "172.16.252.0/24");

        Assert.Equal(old, await AddressAsync("172.16.252."));
        await Eventually.HoldsAsync(() => Task.FromResult(Addresses().SequenceEqual([old])), "the vsvip back on infra-vip alone",
            TimeSpan.FromSeconds(30));
        watching.Cancel();
        await watch;

        Assert.NotEmpty(seen);
        Assert.All(seen, ip => Assert.True(ip == old || ip == moved, $"ADDRESS showed '{ip}' (old {old}, moved {moved}): [{string.Join(", ", seen)}]"));
        Assert.Equal(moved, seen.First(ip => ip != old));
        Assert.Equal(old, seen[^1]);
    }

    [Fact]
    public async Task A_replica_started_over_a_move_left_half_done_finishes_it_on_the_settings_current_network()
    {
        var old = await ServeShopOnTheSettingAsync();
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = IngressProbes.WatchAddressesAsync(_world, "default", "shop", seen, watching.Token);

        // The replica stops after the move's first write: the vsvip holds the old entry and one on the new network.
        await _world.Replicas[0].StopAsync();
        var added = await AddEntryAsync("1", "moved-vip", "172.16.253.0");
        await PatchNetworkAsync("moved-vip", "172.16.253.0/24");
        var mark = _world.AuditMark;
        await _world.StartReplicaAsync("replica-restarted", options => options with
        {
            Informers = options.Informers with { AbsentResourceRecheck = TimeSpan.FromMilliseconds(300) },
        });

        var shown = await AddressAsync("172.16.253.");
        await Eventually.HoldsAsync(() => Task.FromResult(Addresses().SequenceEqual([added])), "the vsvip left with the new entry only",
            TimeSpan.FromSeconds(30));
        watching.Cancel();
        await watch;

        // One write finishes the move: the vsvip without the old entry, once the Ingress shows the new address.
        var writes = string.Join("; ", Writes(mark).Select(w => w.Line));
        Assert.True(shown == added, $"ADDRESS {shown}, added {added}; writes: {writes}");
        Assert.True(writes == $"PUT vsvip {SettingVs}", $"writes: {writes}; statuses seen: [{string.Join(", ", seen)}]");
        Assert.All(seen, ip => Assert.True(ip == old || ip == added, $"ADDRESS showed '{ip}' (old {old}, added {added}): [{string.Join(", ", seen)}]"));
        Assert.Equal(added, seen[^1]);
    }

    /// <summary>PUTs the setting's vsvip with one more entry, as the Avi API takes it from any client; returns its address.</summary>
    private async Task<string> AddEntryAsync(string id, string network, string subnet)
    {
        using var http = new HttpClient(_world.Avi.CreateHttpClientHandler()) { BaseAddress = new Uri(_world.Avi.HttpsUrl!) };
        var login = await http.PostAsync("/login", Json(new JsonObject { ["username"] = "admin", ["password"] = "admin" }));
        login.EnsureSuccessStatusCode();
        var csrf = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("csrftoken=", StringComparison.Ordinal)).Split(';')[0]["csrftoken=".Length..];
        var vsvip = _world.AviObject("vsvip", SettingVs)!;
        vsvip["vip"]!.AsArray().Add(new JsonObject
        {
            ["vip_id"] = id,
            ["auto_allocate_ip"] = true,
            ["ipam_network_subnet"] = new JsonObject
            {
                ["network_ref"] = $"/api/network/?name={network}",
                ["subnet"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = subnet, ["type"] = "V4" }, ["mask"] = 24 },
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/vsvip/{vsvip["uuid"]}") { Content = Json(vsvip) };
        request.Headers.Add("X-CSRFToken", csrf);
        request.Headers.Add("Referer", _world.Avi.HttpsUrl + "/");
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["vip"]![1]!["ip_address"]!["addr"]!.GetValue<string>();
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private List<string> Addresses() =>
        _world.AviObject("vsvip", SettingVs)?["vip"]?.AsArray().Select(v => v?["ip_address"]?["addr"]?.GetValue<string>() ?? "").ToList() ?? [];

    private List<(long Sequence, string Line)> Writes(long mark) =>
        _world.WritesSince(mark).Where(w => w.Status < 300 && w.ObjectType != "vrfcontext")
            .Select(w => (w.Sequence, $"{w.Method} {w.ObjectType} {w.Name}")).ToList();

    private Task PatchNetworkAsync(string network, string cidr) =>
        _world.Kubectl.SucceedAsync("patch", "aviinfrasetting", "slice", "--type=merge", "-p",
            "{\"spec\":{\"network\":{\"vipNetworks\":[{\"networkName\":\"" + network + "\",\"cidr\":\"" + cidr + "\"}]}}}");

    private Task<string> AddressAsync(string prefix) =>
        Eventually.GetAsync(async () =>
        {
            var ip = (await _world.Kubectl.RunAsync("get", "ing", "shop", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return ip.StartsWith(prefix, StringComparison.Ordinal) ? ip : null;
        }, $"an ADDRESS in {prefix}x on Ingress default/shop", TimeSpan.FromSeconds(30));

    /// <summary>The setting on <c>infra-vip</c>, a class naming it and Ingress <c>shop</c> of that class, served: its address.</summary>
    private async Task<string> ServeShopOnTheSettingAsync()
    {
        await ApplyAsync(Setting("infra-vip", "172.16.252.0/24"));
        Assert.Equal("Accepted", await StatusAsync());
        await ApplyAsync(InfraSettingWorld.IngressClass("slice-class", "slice"));
        await _world.Kubectl.SucceedAsync("create", "ingress", "shop", "--class=slice-class", $"--rule={Host}/*=web:80");
        return await AddressAsync("172.16.252.");
    }

    private async Task ApplyAsync(string manifest) => (await _world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();

    private static string Setting(string network, string cidr) => $$"""
        apiVersion: ako.vmware.com/v1beta1
        kind: AviInfraSetting
        metadata: {name: slice}
        spec:
          seGroup: {name: infra-se-group}
          network:
            vipNetworks: [{networkName: {{network}}, cidr: {{cidr}}}]
          l7Settings: {shardSize: SMALL}
        """;

    private Task<string> StatusAsync() =>
        Eventually.GetAsync(async () =>
        {
            var status = (await _world.Kubectl.RunAsync("get", "aviinfrasetting", "slice", "-o", "jsonpath={.status.status}")).StandardOutput.Trim();
            return status.Length > 0 ? status : null;
        }, "a status on AviInfraSetting slice", TimeSpan.FromSeconds(30));

    private string Uuid(string type, string name) =>
        _world.AviObject(type, name)?["uuid"]?.GetValue<string>() ?? throw new InvalidOperationException($"no {type} {name} on AviSim");
}
