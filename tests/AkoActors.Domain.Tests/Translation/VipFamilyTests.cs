using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Domain.Tests.Translation;

/// <summary>IPv6 VIPs of LoadBalancer Services: the families a Service's <c>spec.ipFamilies</c> asks, on a VIP network with
/// a <c>v6cidr</c>, become the vsvip's <c>auto_allocate_ip_type</c> and subnets; the status lists each address.</summary>
public class VipFamilyTests
{
    private static readonly VipNetwork DualStack = new("alb-vip", "172.16.251.0/24", "2001:db8:251::/64");

    private static TranslationContext Context(VipNetwork network) =>
        new(new AkoSettings { ClusterName = "c1", VipNetworks = new[] { network }.ToEquatableArray() }, EquatableArray<string>.Empty);

    private static ServiceSnapshot Service(params string[] families) =>
        new(new ServiceKey("red", "web"), "uid-1", "LoadBalancer", null,
            new[] { new ServicePortSpec("http", "TCP", 80, PortReference.OfNumber(8080), null) }.ToEquatableArray(),
            LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty)
        {
            IpFamilies = families.ToEquatableArray(),
        };

    [Theory]
    [InlineData(new string[0], VipIpType.V4Only, "172.16.251.0/24", null)]
    [InlineData(new[] { "IPv4" }, VipIpType.V4Only, "172.16.251.0/24", null)]
    [InlineData(new[] { "IPv6" }, VipIpType.V6Only, null, "2001:db8:251::/64")]
    [InlineData(new[] { "IPv4", "IPv6" }, VipIpType.V4V6, "172.16.251.0/24", "2001:db8:251::/64")]
    [InlineData(new[] { "IPv6", "IPv4" }, VipIpType.V4V6, "172.16.251.0/24", "2001:db8:251::/64")]
    public void The_service_families_on_a_dual_stack_network_pick_the_vip_families(string[] families, VipIpType type, string? subnet, string? subnet6)
    {
        var tree = L4ServiceTranslator.Translate(Service(families), [], [], null, Context(DualStack));

        Assert.Equal(TranslationOutcome.Desired, tree.Outcome);
        Assert.Empty(tree.Problems);
        var vip = tree.Find<VsVipSpec>("c1--red-web")!;
        Assert.Equal((type, subnet, subnet6), (vip.IpType, vip.SubnetCidr, vip.Subnet6Cidr));
    }

    [Fact]
    public void A_v6cidr_written_with_host_bits_is_asked_as_its_prefix()
    {
        var network = DualStack with { V6Cidr = "2002::1234:abcd:ffff:c0a8:101/64" };
        var vip = L4ServiceTranslator.Translate(Service("IPv6"), [], [], null, Context(network)).Find<VsVipSpec>("c1--red-web")!;
        Assert.Equal("2002:0:0:1234::/64", vip.Subnet6Cidr);
    }

    [Fact]
    public void The_vip_network_the_tree_will_be_placed_on_decides_not_the_controllers_own()
    {
        var ipv4Only = new VipNetwork("alb-vip", "172.16.251.0/24");
        var refused = L4ServiceTranslator.Translate(Service("IPv6"), [], [], null, Context(ipv4Only));
        Assert.Equal(TranslationOutcome.Refused, refused.Outcome);

        var placed = L4ServiceTranslator.Translate(Service("IPv6"), [], [], null, Context(ipv4Only), new VipNetwork("red-vip", null, "2001:db8:252::/64"));
        var vip = placed.Find<VsVipSpec>("c1--red-web")!;
        Assert.Equal(("red-vip", VipIpType.V6Only, "2001:db8:252::/64"), (vip.NetworkName, vip.IpType, vip.Subnet6Cidr));
    }

    [Theory]
    [InlineData(new[] { "IPv6" }, "2001:db8:251::20", "2001:db8:251::20", null)]
    [InlineData(new[] { "IPv4", "IPv6" }, "2001:db8:251:0::0020", "2001:db8:251::20", null)]
    [InlineData(new[] { "IPv4", "IPv6" }, "172.16.251.20", "172.16.251.20", null)]
    [InlineData(new[] { "IPv6" }, "2001:db8:999::20", null, "outside the VIP network alb-vip (2001:db8:251::/64)")]
    [InlineData(new[] { "IPv6" }, "172.16.251.20", null, "an IPv4 address outside the VIP network alb-vip (2001:db8:251::/64) it gets an IPv6-only VIP from")]
    [InlineData(new[] { "IPv4" }, "2001:db8:251::20", null, "an IPv6 address outside the VIP network alb-vip (172.16.251.0/24) it gets an IPv4 VIP from")]
    public void A_load_balancer_ip_of_ipv6_form_asks_that_address_in_the_ipv6_subnet(string[] families, string requested, string? preferred, string? refusal)
    {
        var tree = L4ServiceTranslator.Translate(Service(families) with { LoadBalancerIp = requested }, [], [], null, Context(DualStack));

        if (refusal is null)
        {
            Assert.Equal(preferred, tree.Find<VsVipSpec>("c1--red-web")!.PreferredIp);
            return;
        }
        Assert.Equal(TranslationOutcome.Refused, tree.Outcome);
        var problem = Assert.Single(tree.Problems);
        Assert.Equal("InvalidLoadBalancerIP", problem.Reason);
        Assert.Contains(refusal, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_lists_the_ipv4_then_the_ipv6_vip_one_entry_each_and_a_floating_ip_alone()
    {
        var actual = new VsVipSpec("c1--red-web", "alb-vip", null, null, new[] { "web.red.ako.example.com" }.ToEquatableArray(), "Default-Cloud",
            "global", AviObjectMeta.None, "172.16.251.1") { AllocatedIp6 = "2001:db8:251::1" };

        Assert.Equal(
            [new LoadBalancerIngressStatus("172.16.251.1", "web.red.ako.example.com"), new LoadBalancerIngressStatus("2001:db8:251::1", "web.red.ako.example.com")],
            L4ServiceTranslator.StatusOf(actual));
        Assert.Equal([new LoadBalancerIngressStatus("2001:db8:251::1", "web.red.ako.example.com")],
            L4ServiceTranslator.StatusOf(actual with { AllocatedIp = null }));
        Assert.Equal([new LoadBalancerIngressStatus("198.51.100.1", "web.red.ako.example.com")],
            L4ServiceTranslator.StatusOf(actual with { FloatingIp = "198.51.100.1" }));
    }

    [Fact]
    public void A_vip_holding_the_asked_families_satisfies_the_spec_and_a_change_of_family_is_an_update_not_a_replacement()
    {
        var wanted = L4ServiceTranslator.Translate(Service("IPv4", "IPv6"), [], [], null, Context(DualStack)).Find<VsVipSpec>("c1--red-web")!;
        var held = wanted with { AllocatedIp = "172.16.251.1", AllocatedIp6 = "2001:db8:251::1" };
        Assert.True(wanted.IsSatisfiedBy(held));

        var ipv4Held = held with { IpType = VipIpType.V4Only, Subnet6Cidr = null, AllocatedIp6 = null };
        Assert.False(wanted.IsSatisfiedBy(ipv4Held));
        Assert.False(wanted.RequiresReplacement(ipv4Held));

        var pinned = wanted with { PreferredIp = "2001:db8:251::9" };
        Assert.False(pinned.IsSatisfiedBy(held));
        Assert.True(pinned.RequiresReplacement(held));
        Assert.True(pinned.IsSatisfiedBy(held with { AllocatedIp6 = "2001:db8:251::9" }));
    }
}
