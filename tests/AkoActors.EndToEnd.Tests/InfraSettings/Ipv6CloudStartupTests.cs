using AkoActors.AviSim.Profiles;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;
using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests.InfraSettings;

/// <summary>values.yaml's <c>vipNetworkList[].v6cidr</c> on a cloud without IPv6 VIPs (AviSim's <c>Default-Cloud</c> of
/// <c>vtype: CLOUD_AWS</c>): as AKO's lib.IsValidV6Config refuses it at start and disables sync, the replica stays not ready
/// with a message naming the setting, the cloud type and the fix, and writes nothing; on the default vCenter cloud the same
/// settings start.</summary>
public sealed class Ipv6CloudStartupTests
{
    private static readonly AkoSettings V6Settings = ControllerWorld.SeedSettings(s => s with
    {
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24", "2001:db8:251::/64") }.ToEquatableArray(),
    });

    [Fact]
    public async Task A_v6cidr_in_values_yaml_on_an_aws_cloud_keeps_the_replica_not_ready_naming_the_cloud_type_and_the_fix()
    {
        await using var world = await ControllerWorld.StartAsync(replicas: 0, aviProfile: InfraSettingWorld.OnCloud(SeedProfile.Default, "CLOUD_AWS"));

        var replica = await world.StartReplicaAsync("replica-0", options => options with { Settings = V6Settings });

        var error = await Eventually.GetAsync(() => Task.FromResult(replica.Runtime.LastEnvironmentError), "the environment probe's error", TimeSpan.FromSeconds(30));
        Assert.Contains("NetworkSettings.vipNetworkList gives network alb-vip a v6cidr (2001:db8:251::/64), and cloud 'Default-Cloud' is CLOUD_AWS", error,
            StringComparison.Ordinal);
        Assert.Contains("remove v6cidr from vipNetworkList", error, StringComparison.Ordinal);
        Assert.False(replica.Runtime.IsReady);
        Assert.DoesNotContain(world.WritesSince(0), w => w.ObjectType is "pool" or "virtualservice" or "vsvip");
    }

    [Fact]
    public async Task The_same_v6cidr_on_a_vcenter_cloud_starts()
    {
        await using var world = await ControllerWorld.StartAsync(replicas: 0);

        var replica = await world.StartReplicaAsync("replica-0", options => options with { Settings = V6Settings });

        await Eventually.HoldsAsync(() => Task.FromResult(replica.Runtime.Context is not null), "the environment discovered", TimeSpan.FromSeconds(30));
        Assert.Null(replica.Runtime.LastEnvironmentError);
    }
}
