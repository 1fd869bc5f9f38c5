using System.Text.Json.Nodes;
using AkoActors.Avi.Environment;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;

namespace AkoActors.Avi.Tests;

/// <summary>AKO's <c>checkNodeNetwork</c> at start: on vCenter and NSX-T VLAN clouds every nodeNetworkList network must exist
/// (looked up by uuid when given, else by name, the way the VIP network is), and a missing one is refused naming the setting
/// and the network; on other clouds the setting is not used, so nothing is looked up.</summary>
public sealed class NodeNetworkDiscoveryTests(AviSimFixture fixture) : IClassFixture<AviSimFixture>
{
    private static readonly AkoSettings Settings = new()
    {
        ClusterName = "c1",
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
        DisableStaticRouteSync = true,
    };

    [Fact]
    public async Task On_a_vcenter_cloud_node_networks_by_name_or_uuid_are_found_and_the_cloud_type_is_read()
    {
        fixture.Sim.Simulator.Reset();
        var (rest, _) = fixture.Gateway();
        var uuid = fixture.Sim.Simulator.FindObject("network", "k8s-nodes")!["uuid"]!.GetValue<string>();

        var environment = await AviEnvironmentDiscovery.DiscoverAsync(rest, Settings with
        {
            NodeNetworks = new[]
            {
                new NodeNetwork("k8s-nodes", new[] { "172.16.250.0/24" }.ToEquatableArray()),
                new NodeNetwork(string.Empty, new[] { "172.16.250.0/25" }.ToEquatableArray(), uuid),
            }.ToEquatableArray(),
        }, CancellationToken.None);

        Assert.Equal(new AviCloudType(AviCloudType.VCenter), environment.CloudType);
        Assert.True(environment.CloudType!.AllowsPoolPlacementNetworks);
    }

    [Theory]
    [InlineData("no-such-network", null, "network 'no-such-network' does not exist on the controller (tenant admin); check NetworkSettings.nodeNetworkList")]
    [InlineData("", "network-00000000-0000-4000-8000-000000000000",
        "network with uuid 'network-00000000-0000-4000-8000-000000000000' does not exist on the controller (tenant admin); check NetworkSettings.nodeNetworkList")]
    public async Task On_a_vcenter_cloud_a_missing_node_network_is_refused_naming_the_setting_and_the_network(string name, string? uuid, string message)
    {
        fixture.Sim.Simulator.Reset();
        var (rest, _) = fixture.Gateway();

        var refused = await Assert.ThrowsAsync<AviApiException>(() => AviEnvironmentDiscovery.DiscoverAsync(rest, Settings with
        {
            NodeNetworks = new[] { new NodeNetwork(name, new[] { "10.10.0.0/16" }.ToEquatableArray(), uuid) }.ToEquatableArray(),
        }, CancellationToken.None));

        Assert.Equal(message, refused.Error.Message);
    }

    [Theory]
    [InlineData("OVERLAY", false)]
    [InlineData("VLAN", true)]
    public async Task On_an_nsxt_cloud_node_networks_are_used_and_checked_only_with_a_vlan_transport_zone(string transportZone, bool checkedAndUsed)
    {
        fixture.Sim.Simulator.Reset();
        var (rest, _) = fixture.Gateway();
        var context = new AviCallContext("admin", "test");
        var cloud = (await rest.ListAsync("cloud", [new("name", "Default-Cloud")], context, CancellationToken.None)).Single();
        cloud["vtype"] = AviCloudType.NsxT;
        cloud["nsxt_configuration"] = new JsonObject { ["data_network_config"] = new JsonObject { ["tz_type"] = transportZone } };
        await rest.UpdateAsync("cloud", cloud["uuid"]!.GetValue<string>(), cloud, context, CancellationToken.None);
        var settings = Settings with { NodeNetworks = new[] { new NodeNetwork("no-such-network", new[] { "10.10.0.0/16" }.ToEquatableArray()) }.ToEquatableArray() };

        var discovery = AviEnvironmentDiscovery.DiscoverAsync(rest, settings, CancellationToken.None);

        if (checkedAndUsed)
        {
            Assert.Contains("NetworkSettings.nodeNetworkList", (await Assert.ThrowsAsync<AviApiException>(() => discovery)).Error.Message, StringComparison.Ordinal);
            return;
        }
        var environment = await discovery;
        Assert.Equal(new AviCloudType(AviCloudType.NsxT, "OVERLAY"), environment.CloudType);
        Assert.False(environment.CloudType!.AllowsPoolPlacementNetworks);
    }
}
