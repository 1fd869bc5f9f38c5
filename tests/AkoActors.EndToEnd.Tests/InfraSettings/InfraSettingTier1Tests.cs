using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;
using AkoActors.Testing;
using k8s;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>An AviInfraSetting's <c>nsxSettings.t1lr</c> end to end on an NSX-T cloud (AviSim's <c>Default-Cloud</c> of
/// <c>vtype: CLOUD_NSXT</c> with the VRFs <c>t1-red</c> and <c>t1-blue</c> of routers <c>/infra/tier1/red</c> and
/// <c>/infra/tier1/blue</c>): as AKO writes it, the vsvip and the pools carry <c>tier1_lr</c> and no VRF, and the controller
/// places the vsvip, the pools and the VS in the router's VRF. Attaching, changing and detaching move the Service's VIP to
/// the other routing domain (the vsvip and the VS made again there, the pool rewritten), its status never empty; the shared
/// L7 VS of an Ingress on the setting is made again the same way.</summary>
/// <remarks>Shapes relied on: AKO's v1beta1 AviInfraSetting <c>spec.nsxSettings.t1lr</c>; a vsvip's and pool's
/// <c>tier1_lr</c>, <c>vrf_context_ref</c> / <c>vrf_ref</c>; a vrfcontext's <c>attrs[].{key: tier1path, value}</c>.</remarks>
public sealed class InfraSettingTier1Tests : IAsyncLifetime
{
    private const string Annotation = "aviinfrasetting.ako.vmware.com/name";

    /// <summary>AKO's name for the pool of host shop.ako.example.com, path /, of Ingress default/shop on setting nsx.</summary>
    private const string ShopPool = "avi-cluster--nsx-shop.ako.example.com_-default-shop";
    private ControllerWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await InfraSettingWorld.StartOnCloudAsync("CLOUD_NSXT", Tier1Vrf("t1-red", "/infra/tier1/red"), Tier1Vrf("t1-blue", "/infra/tier1/blue"));

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static SeedObject Tier1Vrf(string name, string tier1) => new("vrfcontext", new JsonObject
    {
        ["name"] = name,
        ["cloud_ref"] = "/api/cloud/?name=Default-Cloud",
        ["attrs"] = new JsonArray(new JsonObject { ["key"] = "tier1path", ["value"] = tier1 }),
    });

    [Fact]
    public async Task Attaching_changing_and_detaching_a_t1lr_moves_the_services_vip_to_the_routers_vrf_and_the_status_is_never_empty()
    {
        await ApplyAsync("/infra/tier1/red");
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--type=LoadBalancer", "--port=80");
        await ExternalIpAsync();
        Assert.Equal(("global", "global", "global", null), Placement());
        using var watching = new CancellationTokenSource();
        var seen = new List<string>();
        var watch = ServiceStatusHistory.RecordAsync(_world.Client, "default", "web", seen, watching.Token);

        foreach (var (step, vrf, tier1) in new (Func<Task>, string, string?)[]
                 {
                     (() => _world.Kubectl.SucceedAsync("annotate", "svc", "web", $"{Annotation}=nsx"), "t1-red", "/infra/tier1/red"),
                     (() => ApplyAsync("/infra/tier1/blue"), "t1-blue", "/infra/tier1/blue"),
                     (() => _world.Kubectl.SucceedAsync("annotate", "svc", "web", $"{Annotation}-"), "global", null),
                 })
        {
            var mark = _world.AuditMark;
            await step();

            await Eventually.HoldsAsync(() => Task.FromResult(Placement() == (vrf, vrf, vrf, tier1)), $"web's VS, vsvip and pool in {vrf}", TimeSpan.FromSeconds(30));
            Assert.StartsWith("172.16.251.", await ExternalIpAsync(), StringComparison.Ordinal);
            // Another routing domain is another VIP: the vsvip and the VS that refers to it are made again (the VS deleted
            // first and created last), the pool rewritten.
            var writes = Writes(mark);
            Assert.Equal(
                ["DELETE virtualservice avi-cluster--default-web", "DELETE vsvip avi-cluster--default-web", "POST virtualservice avi-cluster--default-web",
                 "POST vsvip avi-cluster--default-web", "PUT pool avi-cluster--default-web-TCP-80"],
                writes.Order(StringComparer.Ordinal));
            Assert.Equal(
                ["DELETE virtualservice avi-cluster--default-web", "DELETE vsvip avi-cluster--default-web", "POST vsvip avi-cluster--default-web",
                 "POST virtualservice avi-cluster--default-web"],
                writes.Where(w => !w.StartsWith("PUT pool", StringComparison.Ordinal)));
        }
        watching.Cancel();
        await watch;

        Assert.NotEmpty(seen);
        Assert.DoesNotContain("", seen);
    }

    [Fact]
    public async Task An_ingress_of_a_class_naming_the_setting_is_served_on_the_routers_vrf_and_follows_a_change_of_router()
    {
        const string vs = "avi-cluster--Shared-L7-nsx-0";
        await ApplyAsync("/infra/tier1/red", "SMALL");
        await _world.Kubectl.SucceedAsync("create", "deploy", "web", "--image=nginx");
        await _world.Kubectl.SucceedAsync("expose", "deploy", "web", "--port=80");
        (await _world.Kubectl.RunWithInputAsync(InfraSettingWorld.IngressClass("nsx-class", "nsx"), "apply", "-f", "-")).EnsureSuccess();
        await _world.Kubectl.SucceedAsync("create", "ingress", "shop", "--class=nsx-class", "--rule=shop.ako.example.com/*=web:80");

        await Eventually.HoldsAsync(() => Task.FromResult(L7Placement(vs) == ("t1-red", "t1-red", "t1-red", "/infra/tier1/red")), "the shared VS in t1-red",
            TimeSpan.FromSeconds(30));
        var mark = _world.AuditMark;

        await ApplyAsync("/infra/tier1/blue", "SMALL");

        await Eventually.HoldsAsync(() => Task.FromResult(L7Placement(vs) == ("t1-blue", "t1-blue", "t1-blue", "/infra/tier1/blue")), "the shared VS in t1-blue",
            TimeSpan.FromSeconds(30));
        // Not in place, unlike a VIP network move (a vsvip has one router): the shared VS and its vsvip are made again on the
        // new router, the pool rewritten; the host is unserved between the VS's delete and its creation.
        Assert.Empty(_world.WritesSince(mark).Where(w => w.Status >= 300).Select(w => $"{w.Method} {w.ObjectType} {w.Name} {w.Status}"));
        Assert.Equal(
            [$"DELETE virtualservice {vs}", $"DELETE vsvip {vs}", $"POST virtualservice {vs}", $"POST vsvip {vs}", $"PUT pool {ShopPool}"],
            Writes(mark).Order(StringComparer.Ordinal));
    }

    /// <summary>(VS VRF, vsvip VRF, pool VRF, vsvip tier1_lr) of the shared VS and its one pool.</summary>
    private (string?, string?, string?, string?) L7Placement(string name)
    {
        var vs = _world.AviObject("virtualservice", name);
        var vsvip = _world.AviObject("vsvip", name);
        var pool = _world.AviObject("pool", ShopPool);
        return (Vrf(vs?["vrf_context_ref"]), Vrf(vsvip?["vrf_context_ref"]), Vrf(pool?["vrf_ref"]), vsvip?["tier1_lr"]?.GetValue<string>());
    }

    /// <summary>(VS VRF, vsvip VRF, pool VRF, vsvip tier1_lr) of Service default/web on the controller.</summary>
    private (string?, string?, string?, string?) Placement()
    {
        var vs = _world.AviObject("virtualservice", "avi-cluster--default-web");
        var vsvip = _world.AviObject("vsvip", "avi-cluster--default-web");
        var pool = _world.AviObject("pool", "avi-cluster--default-web-TCP-80");
        return (Vrf(vs?["vrf_context_ref"]), Vrf(vsvip?["vrf_context_ref"]), Vrf(pool?["vrf_ref"]), vsvip?["tier1_lr"]?.GetValue<string>());
    }

    /// <summary>The name of the VRF a reference names, among the cloud's three.</summary>
    private string? Vrf(JsonNode? reference) =>
        reference?.GetValue<string>().Split('/')[^1].Split('#')[0] is { } uuid
            ? new[] { "global", "t1-red", "t1-blue" }.FirstOrDefault(name => _world.AviObject("vrfcontext", name)?["uuid"]?.GetValue<string>() == uuid) ?? uuid
            : null;

    private async Task ApplyAsync(string tier1, string shardSize = "LARGE") =>
        (await _world.Kubectl.RunWithInputAsync(
            """{"apiVersion":"ako.vmware.com/v1beta1","kind":"AviInfraSetting","metadata":{"name":"nsx"},"spec":{"nsxSettings":{"t1lr":"T1"},"l7Settings":{"shardSize":"SIZE"}}}"""
                .Replace("T1", tier1, StringComparison.Ordinal).Replace("SIZE", shardSize, StringComparison.Ordinal),
            "apply", "-f", "-")).EnsureSuccess();

    private List<string> Writes(long mark) =>
        _world.WritesSince(mark).Where(w => w.Status < 300 && w.ObjectType != "vrfcontext").Select(w => $"{w.Method} {w.ObjectType} {w.Name}").ToList();

    private Task<string> ExternalIpAsync() =>
        Eventually.GetAsync(async () =>
        {
            var ip = (await _world.Kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return ip.Length > 0 ? ip : null;
        }, "an EXTERNAL-IP on Service default/web", TimeSpan.FromSeconds(30));

}
