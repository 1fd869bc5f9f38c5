using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests.Isolation;

/// <summary>VIPs people can rely on (issue 10 point 6), with kubectl against KubeSim and the real Avi client against AviSim:
/// an address conflict is said as one (LoadBalancerIPInUse, never NameConflict) and leaves nothing behind; a Service waiting
/// for an address gets one as soon as this controller releases one, not at the 3-minute retry (every wait here is bounded
/// at 30 s); a tree made again asks for the address the Service last had.</summary>
public sealed class VipReliabilityTests : IAsyncLifetime
{
    private ControllerWorld? _world;

    private ControllerWorld World => _world!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_world is not null) await _world.DisposeAsync();
    }

    [Fact]
    public async Task A_service_refused_because_its_address_is_taken_gets_it_as_soon_as_the_holder_is_deleted()
    {
        _world = await ControllerWorld.StartAsync();
        await Run("create", "ns", "vip");
        await ExposeAsync("holder", "--load-balancer-ip=172.16.251.50");
        Assert.Equal("172.16.251.50", await ExternalIpAsync("holder"));

        await ExposeAsync("wanter", "--load-balancer-ip=172.16.251.50");

        var warning = await WarningAsync("wanter", "LoadBalancerIPInUse");
        Assert.Contains("172.16.251.50", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("NameConflict", await WarningsAsync("wanter"), StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => Task.FromResult(World.AviObject("pool", "avi-cluster--vip-wanter-TCP-80") is null),
            "no pool of vip/wanter left on the controller", TimeSpan.FromSeconds(30));
        Assert.Null(World.AviObject("vsvip", "avi-cluster--vip-wanter"));
        Assert.Equal("", await ExternalIpOrEmptyAsync("wanter"));

        await Run("-n", "vip", "delete", "svc", "holder");

        Assert.Equal("172.16.251.50", await ExternalIpAsync("wanter"));
        Assert.NotNull(World.AviObject("virtualservice", "avi-cluster--vip-wanter"));
    }

    [Fact]
    public async Task An_address_outside_the_vip_ranges_is_refused_with_the_controllers_reason_and_leaves_nothing_behind()
    {
        // Inside the network's CIDR (172.16.251.0/24), so Kubernetes-side validation passes; outside its VIP range (.1-.100).
        _world = await ControllerWorld.StartAsync();
        await Run("create", "ns", "vip");
        await ExposeAsync("outside", "--load-balancer-ip=172.16.251.150");

        var warning = await WarningAsync("outside", "LoadBalancerIPRefused");
        Assert.Contains("172.16.251.150", warning, StringComparison.Ordinal);
        Assert.Contains("not in the VIP ranges", warning, StringComparison.Ordinal); // the controller's own reason
        await Eventually.HoldsAsync(() => Task.FromResult(World.AviObject("pool", "avi-cluster--vip-outside-TCP-80") is null),
            "no pool of vip/outside left on the controller", TimeSpan.FromSeconds(30));
        Assert.Null(World.AviObject("vsvip", "avi-cluster--vip-outside"));
        Assert.Equal("", await ExternalIpOrEmptyAsync("outside"));

        await Run("-n", "vip", "patch", "svc", "outside", "--type=merge", "-p", "{\"spec\":{\"loadBalancerIP\":\"172.16.251.60\"}}");

        Assert.Equal("172.16.251.60", await ExternalIpAsync("outside"));
        Assert.NotNull(World.AviObject("virtualservice", "avi-cluster--vip-outside"));
    }

    [Fact]
    public async Task A_service_waiting_for_a_free_ip_gets_one_as_soon_as_this_controller_releases_one()
    {
        _world = await ControllerWorld.StartAsync(aviProfile: WithVipRange("172.16.251.1", "172.16.251.2"));
        await Run("create", "ns", "vip");
        await ExposeAsync("one");
        await ExposeAsync("two");
        var released = await ExternalIpAsync("one");
        await ExternalIpAsync("two");

        await ExposeAsync("three");

        await WarningAsync("three", "NoFreeIPs");
        Assert.Equal("", await ExternalIpOrEmptyAsync("three"));

        await Run("-n", "vip", "delete", "svc", "one");

        Assert.Equal(released, await ExternalIpAsync("three"));
    }

    [Fact]
    public async Task A_controller_started_empty_gives_every_service_the_address_its_status_shows_pinned_ones_included()
    {
        _world = await ControllerWorld.StartAsync();
        var addresses = await FourServicesWithTheLowestAddressFreedAsync();

        await World.Replicas[0].StopAsync();
        World.Avi.Simulator.Reset();
        Assert.Null(World.AviObject("vsvip", "avi-cluster--vip-pinned"));
        await World.StartReplicaAsync("replica-1");
        await World.WaitUntilReadyAsync();

        foreach (var name in new[] { "second", "pinned", "third" })
        {
            await Eventually.HoldsAsync(() => Task.FromResult(
                    World.AviObject("vsvip", $"avi-cluster--vip-{name}")?["vip"]?[0]?["ip_address"]?["addr"]?.GetValue<string>() == addresses[name]),
                $"vip/{name}'s VIP made again with {addresses[name]}", TimeSpan.FromSeconds(60));
            Assert.Equal(addresses[name], await ExternalIpOrEmptyAsync(name));
        }
        Assert.DoesNotContain("LoadBalancerIPInUse", await WarningsAsync("pinned"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_delete_config_true_then_false_every_service_gets_its_old_address_back()
    {
        _world = await ControllerWorld.StartAsync();
        var addresses = await FourServicesWithTheLowestAddressFreedAsync();

        await SetDeleteConfigAsync("true");
        await Eventually.HoldsAsync(async () => await ExternalIpOrEmptyAsync("second") == "" && await ExternalIpOrEmptyAsync("third") == "" &&
                                                World.AviObject("vsvip", "avi-cluster--vip-second") is null && World.AviObject("vsvip", "avi-cluster--vip-third") is null,
            "every tree gone and the statuses cleared", TimeSpan.FromSeconds(30));
        await SetDeleteConfigAsync("false");

        Assert.Equal(addresses["second"], await ExternalIpAsync("second"));
        Assert.Equal(addresses["third"], await ExternalIpAsync("third"));
        Assert.Equal(addresses["pinned"], await ExternalIpAsync("pinned"));
        Assert.DoesNotContain("LoadBalancerIPInUse", await WarningsAsync("pinned"), StringComparison.Ordinal);
    }

    /// <summary>first (auto), pinned (loadBalancerIP, the next address), second and third (auto); then first is deleted, so
    /// IPAM alone would hand the lowest address to whichever Service comes back first, and the next to an auto one too.</summary>
    private async Task<Dictionary<string, string>> FourServicesWithTheLowestAddressFreedAsync()
    {
        await Run("create", "ns", "vip");
        var addresses = new Dictionary<string, string>();
        await ExposeAsync("first");
        addresses["first"] = await ExternalIpAsync("first");
        var pinned = $"172.16.251.{int.Parse(addresses["first"].Split('.')[3], System.Globalization.CultureInfo.InvariantCulture) + 1}";
        await ExposeAsync("pinned", $"--load-balancer-ip={pinned}");
        addresses["pinned"] = await ExternalIpAsync("pinned");
        Assert.Equal(pinned, addresses["pinned"]);
        foreach (var name in new[] { "second", "third" })
        {
            await ExposeAsync(name);
            addresses[name] = await ExternalIpAsync(name);
        }
        await Run("-n", "vip", "delete", "svc", "first");
        await Eventually.HoldsAsync(() => Task.FromResult(World.AviObject("vsvip", "avi-cluster--vip-first") is null), "vip/first's VIP released",
            TimeSpan.FromSeconds(30));
        return addresses;
    }

    /// <summary>The default profile with the VIP network's range narrowed to <paramref name="begin"/>–<paramref name="end"/>.</summary>
    private static SeedProfile WithVipRange(string begin, string end)
    {
        var profile = SeedProfile.Default;
        var objects = profile.Objects.Select(o =>
        {
            if (o.Type != "network" || o.Body["name"]?.GetValue<string>() != "alb-vip") return o;
            var body = (JsonObject)o.Body.DeepClone();
            var range = body["configured_subnets"]![0]!["static_ip_ranges"]![0]!["range"]!;
            range["begin"]!["addr"] = begin;
            range["end"]!["addr"] = end;
            return o with { Body = body };
        }).ToList();
        return profile with { Objects = objects };
    }

    private async Task ExposeAsync(string name, params string[] extra)
    {
        await Run("-n", "vip", "create", "deploy", name, "--image=nginx");
        await Run(["-n", "vip", "expose", "deploy", name, "--type=LoadBalancer", "--port=80", .. extra]);
    }

    private async Task Run(params string[] args) => (await World.Kubectl.RunAsync(args)).EnsureSuccess();

    private Task<string> ExternalIpAsync(string name) =>
        Eventually.GetAsync(async () => await ExternalIpOrEmptyAsync(name) is { Length: > 0 } ip ? ip : null, $"an EXTERNAL-IP on vip/{name}", TimeSpan.FromSeconds(30));

    private async Task<string> ExternalIpOrEmptyAsync(string name) =>
        (await World.Kubectl.RunAsync("-n", "vip", "get", "svc", name, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();

    private async Task<string> WarningsAsync(string name) =>
        (await World.Kubectl.RunAsync("-n", "vip", "get", "events", "--field-selector", $"involvedObject.name={name},type=Warning",
            "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).StandardOutput;

    private Task<string> WarningAsync(string name, string reason) =>
        Eventually.GetAsync(async () => (await WarningsAsync(name)).Split('\n').FirstOrDefault(line => line.StartsWith(reason + ":", StringComparison.Ordinal)),
            $"a {reason} Warning on vip/{name}", TimeSpan.FromSeconds(30));

    private async Task SetDeleteConfigAsync(string value)
    {
        var existing = (await World.Client.CoreV1.ListNamespacedConfigMapAsync("avi-system", fieldSelector: "metadata.name=avi-k8s-config")).Items;
        if (existing.Count == 0)
        {
            await World.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "avi-k8s-config" },
                Data = new Dictionary<string, string> { ["deleteConfig"] = value },
            }, "avi-system");
            return;
        }
        var body = new JsonObject { ["data"] = new JsonObject { ["deleteConfig"] = value } };
        await World.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), "avi-k8s-config", "avi-system");
    }
}
