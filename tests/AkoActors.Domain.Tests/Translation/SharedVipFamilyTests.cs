using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Diff;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L7;

namespace AkoActors.Domain.Tests.Translation;

/// <summary>The families of a shared L7 VS's vsvip, AKO's lib.UpdateV6 on the VIP network (values.yaml vipNetworkList or the
/// AviInfraSetting's network.vipNetworks): a v6cidr gives subnet6 and V4_V6 beside a cidr, V6_ONLY alone; none gives IPv4
/// only; AWS, Azure and OpenStack (one subnet_uuid entry per network) get no IPv6 part.</summary>
public class SharedVipFamilyTests
{
    private const string Vs = "c1--Shared-L7-0";

    [Theory]
    [InlineData("172.16.251.0/24", null, VipIpType.V4Only, "172.16.251.0/24", null)]
    [InlineData("172.16.251.0/24", "2001:db8:251::1/64", VipIpType.V4V6, "172.16.251.0/24", "2001:db8:251::/64")]
    [InlineData(null, "2001:db8:251::/64", VipIpType.V6Only, null, "2001:db8:251::/64")]
    public void The_vip_networks_v6cidr_decides_the_shared_vsvips_families(string? cidr, string? v6Cidr, VipIpType type, string? subnet, string? subnet6)
    {
        var vip = SharedVip(new L7World(), new VipNetwork("alb-vip", cidr, v6Cidr), cloud: null);

        Assert.Equal((type, subnet, subnet6), (vip.IpType, vip.SubnetCidr, vip.Subnet6Cidr));
    }

    [Fact]
    public void On_aws_the_shared_vsvip_names_each_subnet_and_asks_no_ipv6_as_ako_writes_none_there()
    {
        var vip = SharedVip(new L7World(), new VipNetwork("subnet-a", "10.0.1.0/24", "2001:db8:1::/64"), AviCloudType.Aws,
            new VipNetwork("subnet-b", "10.0.2.0/24"));

        Assert.Equal(["subnet-a", "subnet-b"], vip.SubnetVips);
        Assert.Equal((VipIpType.V4Only, (string?)null), (vip.IpType, vip.Subnet6Cidr));
    }

    [Fact]
    public void An_infra_settings_network_decides_the_families_whatever_values_yaml_says()
    {
        var world = new L7World();
        var dualSetting = Setting(new VipNetwork("infra-vip", "172.16.252.0/24", "2001:db8:252::/64"));
        var v4Setting = Setting(new VipNetwork("infra-vip", "172.16.252.0/24"));

        var dual = Placed(world, new VipNetwork("alb-vip", "172.16.251.0/24"), dualSetting);
        var v4 = Placed(world, new VipNetwork("alb-vip", "172.16.251.0/24", "2001:db8:251::/64"), v4Setting);

        Assert.Equal((VipIpType.V4V6, "172.16.252.0/24", "2001:db8:252::/64"), (dual.IpType, dual.SubnetCidr, dual.Subnet6Cidr));
        Assert.Equal((VipIpType.V4Only, "172.16.252.0/24", (string?)null), (v4.IpType, v4.SubnetCidr, v4.Subnet6Cidr));
    }

    [Fact]
    public void An_ipv4_vsvip_written_before_gets_its_ipv6_part_with_one_update_not_a_new_vsvip()
    {
        var world = new L7World();
        var wanted = SharedVip(world, new VipNetwork("alb-vip", "172.16.251.0/24", "2001:db8:251::/64"), cloud: null);
        var held = SharedVip(world, new VipNetwork("alb-vip", "172.16.251.0/24"), cloud: null) with { AllocatedIp = "172.16.251.4" };

        var plan = AviTreeDiff.Plan([wanted], [new AviObjectState(held, "vsvip-1", "1")]);

        Assert.False(wanted.RequiresReplacement(held));
        Assert.Equal(["UpdateOperation"], plan.Waves.SelectMany(w => w).Select(o => o.GetType().Name));
        Assert.True(wanted.IsSatisfiedBy(held with { IpType = VipIpType.V4V6, Subnet6Cidr = "2001:db8:251::/64", AllocatedIp6 = "2001:db8:251::4" }));
    }

    private static VsVipSpec SharedVip(L7World world, VipNetwork network, string? cloud, params VipNetwork[] more) =>
        Translate(world, network, cloud, more).Tree.Find<VsVipSpec>(Vs)!;

    private static VsVipSpec Placed(L7World world, VipNetwork network, AviInfraSettingSnapshot setting)
    {
        var context = ContextOn(world, network, null);
        return InfraSettingPlacement.Apply(Translate(world, network, null, []).Tree, setting, context).Find<VsVipSpec>(Vs)!;
    }

    private static ShardTranslation Translate(L7World world, VipNetwork network, string? cloud, VipNetwork[] more)
    {
        world.Service("web", "10.244.3.2");
        var context = ContextOn(world, network, cloud, more);
        var ingress = world.Ingress("web-ingress", 10, ("web.ako.example.com", "/", "web"));
        return SharedVirtualServiceTranslator.Translate(Vs, IngressTranslator.Translate(ingress, world.Cluster, context).ByVirtualService.Values, world.Cluster, context);
    }

    private static TranslationContext ContextOn(L7World world, VipNetwork network, string? cloud, params VipNetwork[] more) =>
        world.Context with
        {
            Settings = world.Context.Settings with { VipNetworks = new[] { network }.Concat(more).ToEquatableArray() },
            CloudType = cloud is null ? null : new AviCloudType(cloud),
        };

    private static AviInfraSettingSnapshot Setting(VipNetwork network) =>
        new(new AviInfraSettingKey("red"), "uid-red", DateTimeOffset.UnixEpoch, null, new[] { network }.ToEquatableArray(),
            EquatableArray<NodeNetwork>.Empty, null, EquatableArray<string>.Empty, EquatableArray<InfraListener>.Empty, null, null);
}
