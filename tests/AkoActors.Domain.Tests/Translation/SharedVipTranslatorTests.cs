using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Domain.Tests.Translation;

/// <summary>Issue 14 points 4/5 for shared-VIP groups, as AKO's ConstructSharedVipSvcLBNode: the first (oldest) member's
/// AviInfraSetting and L4Rule place and shape the group's one VS, vsvip and pools through the single-Service code paths; the
/// VIP's families are every family a member asks for, as far as the network offers them; a member naming another setting or
/// rule is told which one the group takes and how to fix it.</summary>
public class SharedVipTranslatorTests
{
    private const string Vs = "c1--red-shared1";
    private static readonly ServiceKey Group = ServiceKey.ForSharedVip("red", "shared1");

    private static readonly AkoSettings Settings = new()
    {
        ClusterName = "c1",
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
    };

    private static readonly TranslationContext Context = new(Settings, EquatableArray<string>.Empty) { LicenseTier = "ENTERPRISE" };

    private static readonly AviInfraSettingSnapshot Blue = new(new AviInfraSettingKey("blue"), "uid-blue", DateTimeOffset.UnixEpoch, "seg-blue",
        new[] { new VipNetwork("blue-vip", "10.10.0.0/24", "2002::/64") }.ToEquatableArray(), EquatableArray<NodeNetwork>.Empty, true,
        new[] { "peer1" }.ToEquatableArray(), EquatableArray<InfraListener>.Empty, null, RuleStatus.Accepted);

    [Fact]
    public void Without_setting_or_rule_the_group_is_placed_with_the_controllers_settings_and_ipv4_only()
    {
        var tree = Translate([Member("web", "TCP", 80, 1), Member("dns", "UDP", 53, 2)], null, null).Tree;

        var vip = tree.Find<VsVipSpec>(Vs)!;
        Assert.Equal(("alb-vip", "172.16.251.0/24", VipIpType.V4Only, (string?)null), (vip.NetworkName, vip.SubnetCidr, vip.IpType, vip.Subnet6Cidr));
        Assert.Equal(L4VirtualServiceSettings.Default, tree.Find<VirtualServiceSpec>(Vs)!.L4Rule);
        Assert.Equal(PoolRuleSettings.Default, tree.Find<PoolSpec>("c1--red-dns-shared1-UDP-53")!.Rules);
        Assert.Empty(tree.Problems);
    }

    [Fact]
    public void The_first_members_infra_setting_places_the_vs_vsvip_and_pools_and_a_member_naming_another_is_warned()
    {
        var lead = Member("web", "TCP", 80, 1, (AviInfraSettingSnapshot.NameAnnotation, "blue"));
        var other = Member("dns", "UDP", 53, 2, (AviInfraSettingSnapshot.NameAnnotation, "green"));

        var tree = Translate([lead, other], new ResolvedInfraSetting(Blue, null), null).Tree;

        Assert.Equal("seg-blue", tree.Find<VirtualServiceSpec>(Vs)!.Placement.ServiceEngineGroupName);
        Assert.True(tree.Find<VirtualServiceSpec>(Vs)!.EnableRhi);
        var vip = tree.Find<VsVipSpec>(Vs)!;
        Assert.Equal(("blue-vip", "10.10.0.0/24", VipIpType.V4Only), (vip.NetworkName, vip.SubnetCidr, vip.IpType));
        Assert.Equal(["peer1"], vip.BgpPeerLabels);
        var conflict = Assert.Single(tree.Problems);
        Assert.Equal(SharedVipTranslator.SettingConflictReason, conflict.Reason);
        Assert.Contains("red/dns names AviInfraSetting green", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("blue, which its first member red/web names", conflict.Message, StringComparison.Ordinal);
        Assert.Contains(AviInfraSettingSnapshot.NameAnnotation, conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_naming_a_setting_the_first_member_lacks_is_told_the_group_is_placed_with_the_controllers_settings()
    {
        var lead = Member("web", "TCP", 80, 1);
        var other = Member("dns", "UDP", 53, 2, (AviInfraSettingSnapshot.NameAnnotation, "blue"));

        var conflict = Assert.Single(Translate([lead, other], null, null).Tree.Problems);

        Assert.Contains("red/dns names AviInfraSetting blue", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("placed with the controller's own settings, as its first member red/web names no AviInfraSetting", conflict.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("which its first member", conflict.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "IPv4" }, new[] { "IPv6" }, VipIpType.V4V6)]
    [InlineData(new[] { "IPv6" }, new[] { "IPv6" }, VipIpType.V6Only)]
    [InlineData(new string[0], new[] { "IPv4", "IPv6" }, VipIpType.V4V6)]
    [InlineData(new string[0], new string[0], VipIpType.V4Only)]
    public void The_vip_gets_every_family_a_member_asks_for_on_a_network_that_offers_it(string[] first, string[] second, VipIpType expected)
    {
        var members = new[] { Member("web", "TCP", 80, 1) with { IpFamilies = first.ToEquatableArray() }, Member("dns", "UDP", 53, 2) with { IpFamilies = second.ToEquatableArray() } };

        var vip = Translate(members, new ResolvedInfraSetting(Blue, null), null).Tree.Find<VsVipSpec>(Vs)!;

        Assert.Equal(expected, vip.IpType);
        Assert.Equal(expected == VipIpType.V4Only ? null : "2002::/64", vip.Subnet6Cidr);
        Assert.Equal(expected == VipIpType.V6Only ? null : "10.10.0.0/24", vip.SubnetCidr);
    }

    [Fact]
    public void Ipv6_asked_on_a_network_without_v6cidr_is_a_warning_and_ipv6_only_a_refusal()
    {
        var dual = Translate([Member("web", "TCP", 80, 1), Member("dns", "UDP", 53, 2) with { IpFamilies = new[] { "IPv6" }.ToEquatableArray() }], null, null).Tree;
        Assert.Equal(TranslationOutcome.Desired, dual.Outcome);
        Assert.Equal(VipIpType.V4Only, dual.Find<VsVipSpec>(Vs)!.IpType);
        Assert.Contains(dual.Problems, p => p.Reason == VipFamilyChoice.Reason && p.Message.Contains("red/dns", StringComparison.Ordinal));

        var v6 = Translate([Member("web", "TCP", 80, 1) with { IpFamilies = new[] { "IPv6" }.ToEquatableArray() }], null, null).Tree;
        Assert.Equal(TranslationOutcome.Refused, v6.Outcome);
        Assert.Contains(v6.Problems, p => p.Reason == VipFamilyChoice.Reason);
    }

    [Fact]
    public void The_first_members_l4rule_sets_the_vs_the_vip_and_the_pools_of_every_member_by_port_and_protocol()
    {
        var rule = new L4RuleSnapshot(new L4RuleKey("red", "fast"), "uid-r", "Custom-L4", null, null, null, EquatableArray<string>.Empty, "172.16.251.40",
            new[] { new L4RuleBackend(53, "UDP", "LB_ALGORITHM_ROUND_ROBIN", null, null, EquatableArray<string>.Empty, null, null, null, null) }.ToEquatableArray(),
            EquatableArray<string>.Empty, RuleStatus.Accepted) { Generation = 1, DecidedGeneration = 1 };
        var lead = Member("web", "TCP", 80, 1, (L4RuleSnapshot.ServiceAnnotation, "fast"));
        var other = Member("dns", "UDP", 53, 2);

        var tree = Translate([lead, other], null, rule).Tree;

        Assert.Equal("Custom-L4", tree.Find<VirtualServiceSpec>(Vs)!.ApplicationProfile);
        Assert.Equal("172.16.251.40", tree.Find<VsVipSpec>(Vs)!.PreferredIp);
        Assert.Equal("LB_ALGORITHM_ROUND_ROBIN", tree.Find<PoolSpec>("c1--red-dns-shared1-UDP-53")!.Rules!.Algorithm);
        Assert.Equal(PoolRuleSettings.Default, tree.Find<PoolSpec>("c1--red-web-shared1-TCP-80")!.Rules);
        var conflict = Assert.Single(tree.Problems);
        Assert.Equal(SharedVipTranslator.SettingConflictReason, conflict.Reason);
        Assert.Contains("red/dns names L4Rule (none)", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("L4Rule red/fast", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_oldest_member_leads_whatever_the_names()
    {
        var older = Member("zeta", "TCP", 80, 1);
        var newer = Member("alpha", "UDP", 53, 2);
        var cluster = new AkoActors.Testing.Cluster.InMemoryClusterState();
        cluster.Services[older.Key] = older;
        cluster.Services[newer.Key] = newer;

        Assert.Equal(older, SharedVipTranslator.Lead(SharedVipTranslator.Members(Group, cluster, Settings)));
    }

    private static SharedVipTranslation Translate(IReadOnlyList<ServiceSnapshot> members, ResolvedInfraSetting? setting, L4RuleSnapshot? rule) =>
        SharedVipTranslator.Translate(Group, members, _ => [], [], Context, null, setting, rule);

    private static ServiceSnapshot Member(string name, string protocol, int port, int minute, params (string Key, string Value)[] annotations) =>
        new(new ServiceKey("red", name), "uid-" + name, "LoadBalancer", null,
            new[] { new ServicePortSpec(null, protocol, port, PortReference.OfNumber(port), null) }.ToEquatableArray(),
            new LabelSet([KeyValuePair.Create(L4ServiceTranslator.SharedVipAnnotation, "shared1"), .. annotations.Select(a => KeyValuePair.Create(a.Key, a.Value))]),
            null, false, EquatableArray<LoadBalancerIngressStatus>.Empty, Created: DateTimeOffset.UnixEpoch.AddMinutes(minute));
}
