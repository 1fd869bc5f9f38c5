using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Issue 15 point 6: <c>vipNetworkList</c> naming the network by <c>networkUUID</c> (AKO refers to it as
/// <c>/api/network/&lt;uuid&gt;</c>), with a second entry that, as AKO does on every cloud but AWS/Azure, is not used.</summary>
public sealed class VipNetworkTests
{
    [Fact]
    public async Task A_vip_network_named_by_uuid_allocates_the_vip_and_is_not_rewritten_afterwards()
    {
        await using var world = await ControllerWorld.StartAsync(replicas: 0);
        var uuid = world.AviObject("network", "alb-vip")!["uuid"]!.GetValue<string>();
        var settings = world.Settings with
        {
            VipNetworks = new[] { new VipNetwork(string.Empty, "172.16.251.0/24", null, uuid), new VipNetwork("no-such-network", null) }.ToEquatableArray(),
        };
        var replica = await world.StartReplicaAsync("replica-0", options => options with { Settings = settings });
        await world.WaitUntilReadyAsync();

        (await world.Kubectl.RunAsync("create", "service", "loadbalancer", "web", "--tcp=80:8080")).EnsureSuccess();
        var ip = await Eventually.GetAsync(async () =>
        {
            var text = (await world.Kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim();
            return text.StartsWith("172.16.251.", StringComparison.Ordinal) ? text : null;
        }, "an EXTERNAL-IP on web", TimeSpan.FromSeconds(30));
        var vsvip = world.AviObject("vsvip", "avi-cluster--default-web")!;
        Assert.Contains($"/api/network/{uuid}", vsvip["vip"]![0]!["ipam_network_subnet"]!["network_ref"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ip, vsvip["vip"]![0]!["ip_address"]!["addr"]!.GetValue<string>());

        // Read back, the reference carries the uuid: a restarted replica reads the tree and finds nothing to change.
        await replica.StopAsync();
        var mark = world.AuditMark;
        var restarted = await world.StartReplicaAsync("replica-1", options => options with { Settings = settings });
        await world.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(restarted.Metrics.ReconcileCount("service", "converged") >= 1),
            "the restarted replica's Service owner to have read and compared", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(world.WritesSince(mark), w => w.ObjectType is "vsvip" or "virtualservice");
        Assert.Equal(ip, (await world.Kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim());
    }
}
