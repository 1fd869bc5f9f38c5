using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;
using AkoActors.Testing;
using k8s;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>Issue 14 point 4 on shared L7 VSes: the shared vsvip takes IPv6 from its VIP network's <c>v6cidr</c> as AKO's
/// lib.UpdateV6 writes it (<c>auto_allocate_ip_type</c> V4_V6 with <c>ipam_network_subnet.subnet6</c>), and an Ingress's
/// status lists every address the vsvip shows, one entry per address per host (AKO's status/ing_status.go), on values.yaml's
/// network, on an AviInfraSetting's and on AWS's one entry per VIP network.</summary>
/// <remarks>Shapes relied on: values.yaml <c>vipNetworkList[].{networkName, cidr, v6cidr}</c>; AKO's v1beta1 AviInfraSetting
/// <c>spec.network.vipNetworks[]</c> attached through IngressClass <c>spec.parameters</c>; an Ingress's
/// <c>status.loadBalancer.ingress[].{ip, hostname}</c>; a vsvip's <c>vip[].{auto_allocate_ip_type, ip_address.addr,
/// ip6_address.addr, ipam_network_subnet.subnet6, subnet_uuid}</c>. AviSim's default <c>alb-vip</c> is dual stack
/// (172.16.251.0/24, 2001:db8:251::/64); the controller runs one shard, so its own shared VS is <c>avi-cluster--Shared-L7-0</c>
/// and a setting's <c>avi-cluster--Shared-L7-&lt;setting&gt;-0</c>.</remarks>
public sealed class IngressIpv6VipTests
{
    private const string Host = "shop.ako.example.com";
    private const string OwnVs = "avi-cluster--Shared-L7-0";

    private static readonly AkoSettings DualStackSettings = ControllerWorld.SeedSettings(s => s with
    {
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24", "2001:db8:251::/64") }.ToEquatableArray(),
    });

    [Fact]
    public async Task A_dual_stack_vip_network_in_values_yaml_shows_both_addresses_for_the_host_and_an_ipv4_vsvip_gets_ipv6_in_one_put()
    {
        await using var world = await ControllerWorld.StartAsync(replicas: 1);
        await world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await world.Kubectl.SucceedAsync("expose", "deploy", "web", "--port=80");
        await world.Kubectl.SucceedAsync("create", "ingress", "shop", $"--rule={Host}/*=web:80");

        // Written by a replica whose vipNetworkList has no v6cidr: IPv4 only, as earlier versions (and AKO without v6cidr) wrote it.
        var v4 = await StatusAsync(world, "shop", entries => entries.Count == 1 ? entries : null);
        Assert.Equal([(v4[0].Ip, Host)], v4);
        Assert.Null(world.AviObject("vsvip", OwnVs)!["vip"]![0]!["ip6_address"]);

        await world.Replicas[0].StopAsync();
        var mark = world.AuditMark;
        await world.StartReplicaAsync("replica-dual", options => options with { Settings = DualStackSettings });

        var dual = await StatusAsync(world, "shop", entries => entries.Count == 2 ? entries : null);
        Assert.Equal([(v4[0].Ip, Host), ("2001:db8:251::1", Host)], dual);
        var vip = world.AviObject("vsvip", OwnVs)!["vip"]![0]!;
        Assert.Equal("V4_V6", vip["auto_allocate_ip_type"]!.GetValue<string>());
        Assert.Equal("2001:db8:251::", vip["ipam_network_subnet"]!["subnet6"]!["ip_addr"]!["addr"]!.GetValue<string>());
        // In place: the IPv4 address kept, the IPv6 one added, one vsvip PUT and nothing else.
        Assert.Equal(v4[0].Ip, vip["ip_address"]!["addr"]!.GetValue<string>());
        Assert.Equal([$"PUT vsvip {OwnVs} 200"], Writes(world, mark));
        // The Avi DNS answers AAAA for the host beside A.
        await Eventually.HoldsAsync(() => Task.FromResult(world.Avi.Simulator.DnsRecords.Any(r => r.Fqdn == Host && r.IsIpv6 && r.Address.ToString() == "2001:db8:251::1")),
            $"an AAAA record for {Host}", TimeSpan.FromSeconds(30));
        Assert.Contains(world.Avi.Simulator.DnsRecords, r => r.Fqdn == Host && !r.IsIpv6 && r.Address.ToString() == v4[0].Ip);
    }

    [Fact]
    public async Task An_infra_setting_with_a_v6cidr_gives_its_shared_vs_both_families_and_detaching_it_moves_the_host_live()
    {
        await using var world = await InfraSettingWorld.StartAsync(InfraSettingWorld.DualStackNetwork("dual-vip", 253));
        await world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await world.Kubectl.SucceedAsync("expose", "deploy", "web", "--port=80");
        await ApplyAsync(world, """
            apiVersion: ako.vmware.com/v1beta1
            kind: AviInfraSetting
            metadata: {name: dual}
            spec:
              network:
                vipNetworks: [{networkName: dual-vip, cidr: 172.16.253.0/24, v6cidr: "2001:db8:253::/64"}]
            """);
        await Eventually.HoldsAsync(async () => (await world.Kubectl.RunAsync("get", "aviinfrasetting", "dual", "-o", "jsonpath={.status.status}")).StandardOutput.Trim() == "Accepted",
            "AviInfraSetting dual Accepted", TimeSpan.FromSeconds(30));
        await ApplyAsync(world, InfraSettingWorld.IngressClass("dual-class", "dual"));
        await world.Kubectl.SucceedAsync("create", "ingress", "shop", "--class=dual-class", $"--rule={Host}/*=web:80");

        var onSetting = await StatusAsync(world, "shop", entries => entries.Count == 2 ? entries : null);
        Assert.Equal([("172.16.253.1", Host), ("2001:db8:253::1", Host)], onSetting);
        var vip = world.AviObject("vsvip", "avi-cluster--Shared-L7-dual-0")!["vip"]![0]!;
        Assert.Equal("V4_V6", vip["auto_allocate_ip_type"]!.GetValue<string>());
        Assert.Equal("2001:db8:253::", vip["ipam_network_subnet"]!["subnet6"]!["ip_addr"]!["addr"]!.GetValue<string>());
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = IngressProbes.WatchAddressesAsync(world, "default", "shop", seen, watching.Token);

        // Detach: back to the controller's own VS, on values.yaml's alb-vip (no v6cidr there: IPv4 only).
        await world.Kubectl.SucceedAsync("patch", "ingressclass", "dual-class", "--type=json", "-p", """[{"op":"remove","path":"/spec/parameters"}]""");

        var own = await StatusAsync(world, "shop", entries => entries.Count == 1 && entries[0].Ip.StartsWith("172.16.251.", StringComparison.Ordinal) ? entries : null);
        await Eventually.HoldsAsync(() => Task.FromResult(world.AviObject("vsvip", "avi-cluster--Shared-L7-dual-0") is null),
            "the setting's shared vsvip deleted", TimeSpan.FromSeconds(30));
        Assert.Null(world.AviObject("vsvip", OwnVs)!["vip"]![0]!["ip6_address"]);
        watching.Cancel();
        await watch;

        // Never a status without an address, and only ever the setting's pair or the controller's own address.
        var both = "172.16.253.1 2001:db8:253::1";
        Assert.NotEmpty(seen);
        Assert.All(seen, shown => Assert.True(shown == both || shown == own[0].Ip, $"status showed '{shown}': [{string.Join(", ", seen)}]"));
        Assert.Equal(own[0].Ip, seen[^1]);
    }

    [Fact]
    public async Task On_aws_an_infra_setting_with_two_vip_networks_shows_both_addresses_and_an_edit_is_one_vsvip_put()
    {
        await using var world = await InfraSettingWorld.StartOnCloudAsync("CLOUD_AWS", InfraSettingWorld.VipNetwork("red-a", 253), InfraSettingWorld.VipNetwork("red-b", 254));
        await world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await world.Kubectl.SucceedAsync("expose", "deploy", "web", "--port=80");
        await ApplyAsync(world, RedSetting("[{networkName: red-a}, {networkName: red-b}]"));
        await Eventually.HoldsAsync(async () => (await world.Kubectl.RunAsync("get", "aviinfrasetting", "red", "-o", "jsonpath={.status.status}")).StandardOutput.Trim() == "Accepted",
            "AviInfraSetting red Accepted", TimeSpan.FromSeconds(30));
        await ApplyAsync(world, InfraSettingWorld.IngressClass("red-class", "red"));
        await world.Kubectl.SucceedAsync("create", "ingress", "shop", "--class=red-class", $"--rule={Host}/*=web:80");

        var both = await StatusAsync(world, "shop", entries => entries.Count == 2 ? entries : null);
        Assert.Equal([("172.16.253.1", Host), ("172.16.254.1", Host)], both);
        var entries = world.AviObject("vsvip", "avi-cluster--Shared-L7-red-0")!["vip"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.NotNull(e!["subnet_uuid"]));

        // The setting down to one network: its entry dropped in one vsvip PUT, the status follows.
        var mark = world.AuditMark;
        await ApplyAsync(world, RedSetting("[{networkName: red-b}]"));

        Assert.Equal([("172.16.254.1", Host)], await StatusAsync(world, "shop", e => e.Count == 1 ? e : null));
        Assert.Equal(["PUT vsvip avi-cluster--Shared-L7-red-0 200"], Writes(world, mark));
    }

    private static string RedSetting(string vipNetworks) => $$"""
        apiVersion: ako.vmware.com/v1beta1
        kind: AviInfraSetting
        metadata: {name: red}
        spec:
          network:
            vipNetworks: {{vipNetworks}}
        """;

    private static async Task ApplyAsync(ControllerWorld world, string manifest) => (await world.Kubectl.RunWithInputAsync(manifest, "apply", "-f", "-")).EnsureSuccess();

    private static List<string> Writes(ControllerWorld world, long mark) =>
        world.WriteLinesSince(mark).Where(w => !w.Contains(" vrfcontext ", StringComparison.Ordinal)).ToList();

    /// <summary>The Ingress's <c>status.loadBalancer.ingress</c> as (ip, hostname) pairs, read with kubectl, once
    /// <paramref name="accept"/> takes them.</summary>
    private static Task<List<(string Ip, string Hostname)>> StatusAsync(ControllerWorld world, string ingress,
        Func<List<(string Ip, string Hostname)>, List<(string Ip, string Hostname)>?> accept) =>
        Eventually.GetAsync(async () =>
        {
            var text = (await world.Kubectl.RunAsync("get", "ing", ingress, "-o",
                "jsonpath={range .status.loadBalancer.ingress[*]}{.ip}@{.hostname}{\"\\n\"}{end}")).StandardOutput;
            var entries = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('@')).Select(parts => (parts[0], parts.Length > 1 ? parts[1] : "")).ToList();
            return entries.Count == 0 ? null : accept(entries);
        }, $"the status of Ingress default/{ingress}", TimeSpan.FromSeconds(30));

}
