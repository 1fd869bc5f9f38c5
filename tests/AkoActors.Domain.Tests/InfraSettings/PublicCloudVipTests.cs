using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Domain.Tests.InfraSettings;

/// <summary>AKO's vsvip on AWS, Azure and OpenStack (rest/avi_obj_vsvip.go, networkNamesToVips): one <c>vip</c> entry per VIP
/// network of the AviInfraSetting or of vipNetworkList, named by <c>subnet_uuid</c>; one IPAM entry on the first network on
/// every other cloud (GCP included); a Service's status lists every entry's address, the floating IPs when there are any.</summary>
public class PublicCloudVipTests
{
    private static readonly AkoSettings Settings = new()
    {
        ClusterName = "c1",
        VipNetworks = new[] { new VipNetwork("subnet-a", "10.0.1.0/24"), new VipNetwork("subnet-b", "10.0.2.0/24") }.ToEquatableArray(),
    };

    private static TranslationContext On(string cloud) =>
        new(Settings, new[] { "ako.example.com" }.ToEquatableArray()) { CloudType = new AviCloudType(cloud) };

    private static readonly EquatableArray<VipNetwork> SettingNetworks =
        new[] { new VipNetwork("red-a", "10.1.1.0/24"), new VipNetwork(string.Empty, null, NetworkUuid: "network-red-b") }.ToEquatableArray();

    [Theory]
    [InlineData(AviCloudType.Aws, new[] { "subnet-a", "subnet-b" })]
    [InlineData(AviCloudType.Azure, new[] { "subnet-a", "subnet-b" })]
    [InlineData(AviCloudType.OpenStack, new[] { "subnet-a", "subnet-b" })]
    [InlineData(AviCloudType.Gcp, new string[0])]
    [InlineData(AviCloudType.VCenter, new string[0])]
    [InlineData(AviCloudType.NsxT, new string[0])]
    public void Vip_network_list_gives_one_subnet_entry_per_network_on_aws_azure_and_openstack_only(string cloud, string[] subnets)
    {
        var vip = L4ServiceTranslator.Translate(Service(), [], [], null, On(cloud)).Find<VsVipSpec>("c1--red-web")!;

        Assert.Equal(subnets, vip.SubnetVips);
        Assert.Equal("subnet-a", vip.NetworkName);
    }

    [Fact]
    public void An_infra_settings_vip_networks_replace_the_controllers_own_each_by_name_or_by_uuid_when_only_that_is_given()
    {
        var tree = L4ServiceTranslator.Translate(Service(), [], [], null, On(AviCloudType.Aws));
        var setting = new AviInfraSettingSnapshot(new AviInfraSettingKey("red"), "uid-red", DateTimeOffset.UnixEpoch, null, SettingNetworks,
            EquatableArray<NodeNetwork>.Empty, null, EquatableArray<string>.Empty, EquatableArray<InfraListener>.Empty, null, null);

        var placed = InfraSettingPlacement.Apply(tree, setting, On(AviCloudType.Aws)).Find<VsVipSpec>("c1--red-web")!;
        var elsewhere = InfraSettingPlacement.Apply(L4ServiceTranslator.Translate(Service(), [], [], null, On(AviCloudType.VCenter)), setting,
            On(AviCloudType.VCenter)).Find<VsVipSpec>("c1--red-web")!;

        Assert.Equal(["red-a", "network-red-b"], placed.SubnetVips);
        Assert.Empty(elsewhere.SubnetVips);
        Assert.Equal("red-a", elsewhere.NetworkName);
    }

    [Fact]
    public void A_vsvip_is_satisfied_by_entries_on_exactly_the_wanted_subnets_in_order_and_changes_them_in_place()
    {
        var wanted = L4ServiceTranslator.Translate(Service(), [], [], null, On(AviCloudType.Aws)).Find<VsVipSpec>("c1--red-web")!;
        var held = wanted with
        {
            NetworkName = string.Empty, SubnetCidr = null, AllocatedIp = "10.0.1.4",
            Vips = new[] { Entry("1", "subnet-a", "10.0.1.4"), Entry("2", "subnet-b", "10.0.2.9") }.ToEquatableArray(),
        };

        Assert.True(wanted.IsSatisfiedBy(held));
        Assert.False(wanted.IsSatisfiedBy(held with { Vips = new[] { Entry("1", "subnet-a", "10.0.1.4") }.ToEquatableArray() }));
        var other = wanted with { SubnetVips = new[] { "subnet-b", "subnet-c" }.ToEquatableArray() };
        Assert.False(other.IsSatisfiedBy(held));
        // Another set of subnets is a rewrite of the vip list, not a new vsvip: each network is an entry of its own.
        Assert.False(other.RequiresReplacement(held));
    }

    [Fact]
    public void The_status_lists_every_vip_or_every_floating_ip_when_the_controller_allocated_them()
    {
        var held = L4ServiceTranslator.Translate(Service(), [], [], null, On(AviCloudType.Aws)).Find<VsVipSpec>("c1--red-web")! with
        {
            Fqdns = new[] { "web.red.ako.example.com" }.ToEquatableArray(),
            Vips = new[] { Entry("1", "subnet-a", "10.0.1.4"), Entry("2", "subnet-b", "10.0.2.9") }.ToEquatableArray(),
        };
        var floating = held with
        {
            Vips = held.Vips.Select((e, i) => e with { FloatingIp = $"198.51.100.{i + 1}" }).ToEquatableArray(),
        };

        Assert.Equal([new LoadBalancerIngressStatus("10.0.1.4", "web.red.ako.example.com"), new LoadBalancerIngressStatus("10.0.2.9", "web.red.ako.example.com")],
            L4ServiceTranslator.StatusOf(held));
        Assert.Equal(["198.51.100.1", "198.51.100.2"], L4ServiceTranslator.StatusOf(floating).Select(s => s.Ip));
        Assert.Empty(L4ServiceTranslator.StatusOf(null));
    }

    private static VsVipEntry Entry(string id, string subnet, string address) =>
        new(id, new AviNetworkRef(string.Empty, null), null, address) { SubnetUuid = subnet };

    private static ServiceSnapshot Service() =>
        new(new ServiceKey("red", "web"), "uid-1", "LoadBalancer", null,
            new[] { new ServicePortSpec(null, "TCP", 80, PortReference.OfNumber(8080), null) }.ToEquatableArray(),
            LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty);
}
