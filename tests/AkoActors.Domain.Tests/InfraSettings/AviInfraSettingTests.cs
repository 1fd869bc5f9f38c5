using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Domain.Tests.InfraSettings;

/// <summary>AKO's avinfrasetting.md and validator as tables: what rejects a setting, which setting a Service is placed with
/// (its own annotation, else its namespace's; a missing or Rejected one places it with the controller's settings), and what
/// an Accepted setting changes in the L4 tree.</summary>
public class AviInfraSettingTests
{
    private static readonly AkoSettings Settings = new()
    {
        ClusterName = "c1",
        VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
    };

    private static readonly TranslationContext Context = new(Settings, new[] { "ako.example.com" }.ToEquatableArray());

    [Fact]
    public void Bgp_peer_labels_without_rhi_are_rejected_as_ako_does()
    {
        Assert.StartsWith("BGPPeerLabels cannot be set if EnableRhi is false", AviInfraSettingValidation.ClusterProblem(
            Setting("s") with { BgpPeerLabels = new[] { "peer1" }.ToEquatableArray() }));
        Assert.Null(AviInfraSettingValidation.ClusterProblem(Setting("s") with { BgpPeerLabels = new[] { "peer1" }.ToEquatableArray(), EnableRhi = true }));
    }

    [Theory]
    [InlineData("10.10.10.0/24", null, null)]
    [InlineData("10.10.10.0/33", null, "invalid CIDR configuration 10.10.10.0/33")]
    [InlineData("2002::/64", null, "invalid CIDR configuration 2002::/64")]
    [InlineData(null, "2002::1234:abcd:ffff:c0a8:101/64", null)]
    [InlineData(null, "10.0.0.0/8", "invalid IPv6 CIDR configuration 10.0.0.0/8")]
    public void Vip_network_cidrs_must_parse_in_their_family(string? cidr, string? v6cidr, string? problem)
    {
        var setting = Setting("s") with { VipNetworks = new[] { new VipNetwork("vip", cidr, v6cidr) }.ToEquatableArray() };
        var found = AviInfraSettingValidation.ClusterProblem(setting);
        if (problem is null) Assert.Null(found);
        else Assert.StartsWith(problem, found);
    }

    [Fact]
    public void An_empty_se_group_name_is_rejected_with_the_fix()
    {
        Assert.StartsWith("spec.seGroup.name is empty", AviInfraSettingValidation.ClusterProblem(Setting("s") with { SeGroup = " " }));
        Assert.Null(AviInfraSettingValidation.ClusterProblem(Setting("s") with { SeGroup = "red-se-group" }));
    }

    [Theory]
    [InlineData(AviCloudType.NsxT, false)]
    [InlineData(AviCloudType.VCenter, true)]
    [InlineData(AviCloudType.Aws, true)]
    [InlineData(null, true)]
    public void A_tier1_router_is_rejected_on_any_cloud_but_nsx_t(string? cloud, bool rejected)
    {
        var setting = Setting("s") with { T1Lr = "/infra/tier-1s/red" };

        var problem = AviInfraSettingValidation.CloudProblem(setting, cloud is null ? null : new AviCloudType(cloud));

        if (rejected) Assert.Contains("tier-1 routers exist on NSX-T clouds only: remove spec.nsxSettings", problem, StringComparison.Ordinal);
        else Assert.Null(problem);
        Assert.Null(AviInfraSettingValidation.CloudProblem(Setting("s"), new AviCloudType(AviCloudType.VCenter)));
    }

    [Theory]
    [InlineData(AviCloudType.VCenter, false)]
    [InlineData(AviCloudType.NsxT, false)]
    [InlineData(AviCloudType.None, false)]
    [InlineData(null, false)]
    [InlineData(AviCloudType.Aws, true)]
    [InlineData(AviCloudType.Azure, true)]
    [InlineData(AviCloudType.OpenStack, true)]
    [InlineData(AviCloudType.Gcp, true)]
    public void A_v6cidr_is_rejected_on_a_cloud_without_ipv6_vips_as_akos_is_v6_enabled_cloud(string? cloud, bool rejected)
    {
        var setting = Setting("slice") with
        {
            VipNetworks = new[] { new VipNetwork("red-a", "172.16.253.0/24"), new VipNetwork("red-b", null, "2001:db8:254::/64") }.ToEquatableArray(),
        };

        var problem = AviInfraSettingValidation.CloudProblem(setting, cloud is null ? null : new AviCloudType(cloud));

        if (!rejected)
        {
            Assert.Null(problem);
            return;
        }
        Assert.Equal($"AviInfraSetting slice gives VIP network red-b a v6cidr (2001:db8:254::/64), and the cloud is {cloud}; IPv6 VIPs are supported on " +
                     "vCenter, NSX-T and no-access clouds only (as in AKO): remove v6cidr from spec.network.vipNetworks", problem);
        Assert.Null(AviInfraSettingValidation.CloudProblem(setting with { VipNetworks = setting.VipNetworks.Take(1).ToEquatableArray() }, new AviCloudType(cloud!)));
    }

    [Fact]
    public void Listeners_need_one_with_ssl()
    {
        var plain = Setting("s") with { Listeners = new[] { new InfraListener(8081, false, false) }.ToEquatableArray() };
        Assert.StartsWith("One of the port in aviInfraSetting must have SSL enabled", AviInfraSettingValidation.ClusterProblem(plain));
        Assert.Null(AviInfraSettingValidation.ClusterProblem(plain with { Listeners = new[] { new InfraListener(8081, false, false), new InfraListener(6443, true, false) }.ToEquatableArray() }));
    }

    [Fact]
    public void The_se_group_and_every_network_are_checked_on_the_controller_by_uuid_when_one_is_given()
    {
        var setting = Setting("s") with
        {
            SeGroup = "compact",
            VipNetworks = new[] { new VipNetwork("vip-by-name", "10.0.0.0/24"), new VipNetwork("ignored-name", null, null, "network-1") }.ToEquatableArray(),
            NodeNetworks = new[] { new NodeNetwork("nodes", new[] { "10.1.0.0/16" }.ToEquatableArray()) }.ToEquatableArray(),
        };

        Assert.Equal(
            [
                new AviReferenceCheck("serviceenginegroup", "compact", "spec.seGroup.name"),
                new AviReferenceCheck("network", "vip-by-name", "spec.network.vipNetworks"),
                new AviReferenceCheck("network", "network-1", "spec.network.vipNetworks", ByUuid: true),
                new AviReferenceCheck("network", "nodes", "spec.network.nodeNetworks"),
            ],
            AviInfraSettingValidation.AviReferences(setting));
    }

    [Theory]
    [InlineData("own", "from-ns", "own")]
    [InlineData(null, "from-ns", "from-ns")]
    [InlineData("", "from-ns", "from-ns")]
    [InlineData(null, null, null)]
    public void A_services_own_annotation_wins_over_its_namespaces(string? own, string? fromNamespace, string? expected)
    {
        var service = Service(own);
        var ns = new NamespaceSnapshot("red", LabelSet.Empty) { InfraSettingAnnotation = fromNamespace };
        Assert.Equal(expected, InfraSettingAttachment.RequestedFor(service, ns)?.Name);
    }

    [Fact]
    public void An_ingress_class_naming_an_avi_infra_setting_wins_over_the_namespace_and_other_parameters_do_not_count()
    {
        var ns = new NamespaceSnapshot("red", LabelSet.Empty) { InfraSettingAnnotation = "from-ns" };
        var withSetting = new IngressClassSnapshot("avi", IngressClassSnapshot.AviController, false)
        {
            ParametersApiGroup = "ako.vmware.com", ParametersKind = "AviInfraSetting", ParametersName = "from-class",
        };
        Assert.Equal("from-class", InfraSettingAttachment.RequestedFor(withSetting, ns)?.Name);
        Assert.Equal("from-ns", InfraSettingAttachment.RequestedFor(withSetting with { ParametersKind = "SomethingElse" }, ns)?.Name);
        Assert.Equal("from-ns", InfraSettingAttachment.RequestedFor(withSetting with { ParametersApiGroup = "example.com" }, ns)?.Name);
    }

    [Fact]
    public void A_named_setting_that_is_missing_or_rejected_is_reported_and_one_not_yet_decided_is_waited_for()
    {
        var request = new InfraSettingRequest("slice", "annotation on Service red/web");
        var accepted = Setting("slice") with { Status = RuleStatus.Accepted, Generation = 1, DecidedGeneration = 1 };

        Assert.Equal((accepted, (UserProblem?)null), InfraSettingAttachment.Resolve(request, [accepted], [accepted], "Service red/web"));
        var (none, missing) = InfraSettingAttachment.Resolve(request, [], [], "Service red/web");
        Assert.Null(none);
        Assert.Contains("there is no AviInfraSetting slice", missing!.Message, StringComparison.Ordinal);
        var rejected = Setting("slice") with { Status = RuleStatus.Rejected("serviceenginegroup \"x\" not found") };
        Assert.Contains("is Rejected (serviceenginegroup \"x\" not found)", InfraSettingAttachment.Resolve(request, [], [rejected], "Service red/web").Problem!.Message,
            StringComparison.Ordinal);
        Assert.Equal((null, null), InfraSettingAttachment.Resolve(request, [], [Setting("slice")], "Service red/web"));
    }

    [Fact]
    public void An_accepted_setting_puts_its_se_group_on_the_vs_and_its_first_vip_network_on_the_vsvip()
    {
        var tree = L4ServiceTranslator.Translate(Service(null), [], [], null, Context);
        var setting = Setting("slice") with
        {
            SeGroup = "compact",
            VipNetworks = new[] { new VipNetwork(string.Empty, "10.10.10.0/24", null, "network-1"), new VipNetwork("second", "10.10.20.0/24") }.ToEquatableArray(),
        };

        var placed = InfraSettingPlacement.Apply(tree, setting, Context);

        Assert.Equal(new AviPlacement("Default-Cloud", "global", "compact"), placed.Find<VirtualServiceSpec>("c1--red-web")!.Placement);
        var vip = placed.Find<VsVipSpec>("c1--red-web")!;
        Assert.Equal(new AviNetworkRef(string.Empty, "network-1"), vip.Network);
        Assert.Equal("10.10.10.0/24", vip.SubnetCidr);
        Assert.Equal(tree.Desired.Select(d => d.Ref), placed.Desired.Select(d => d.Ref));
        Assert.Same(tree, InfraSettingPlacement.Apply(tree, null, Context));
        // A setting with neither keeps the controller's own.
        Assert.Equal(tree.Desired, InfraSettingPlacement.Apply(tree, Setting("empty"), Context).Desired);
    }

    [Fact]
    public void Rhi_goes_on_the_vs_and_the_bgp_peer_labels_on_the_vsvip_only_with_rhi_on()
    {
        var tree = L4ServiceTranslator.Translate(Service(null), [], [], null, Context);
        var labels = new[] { "peer1", "peer2" }.ToEquatableArray();

        var on = InfraSettingPlacement.Apply(tree, Setting("bgp") with { EnableRhi = true, BgpPeerLabels = labels }, Context);
        Assert.True(on.Find<VirtualServiceSpec>("c1--red-web")!.EnableRhi);
        Assert.Equal(labels, on.Find<VsVipSpec>("c1--red-web")!.BgpPeerLabels);

        var off = InfraSettingPlacement.Apply(tree, Setting("bgp") with { EnableRhi = false }, Context);
        Assert.Null(off.Find<VirtualServiceSpec>("c1--red-web")!.EnableRhi);
        Assert.Empty(off.Find<VsVipSpec>("c1--red-web")!.BgpPeerLabels);
    }

    [Fact]
    public void Node_networks_become_pool_placement_networks_only_where_the_cloud_takes_them()
    {
        var tree = L4ServiceTranslator.Translate(Service(null), [], [], null, Context);
        var setting = Setting("slice") with
        {
            NodeNetworks = new[] { new NodeNetwork("nodes", new[] { "10.1.0.0/16" }.ToEquatableArray()) }.ToEquatableArray(),
        };

        var vcenter = InfraSettingPlacement.Apply(tree, setting, Context with { CloudType = new AviCloudType(AviCloudType.VCenter) });
        Assert.Equal(PoolPlacementNetwork.From(setting.NodeNetworks), vcenter.Find<PoolSpec>("c1--red-web-TCP-80")!.PlacementNetworks);
        var other = InfraSettingPlacement.Apply(tree, setting, Context with { CloudType = new AviCloudType("CLOUD_NONE") });
        Assert.Empty(other.Find<PoolSpec>("c1--red-web-TCP-80")!.PlacementNetworks);
    }

    [Theory]
    [InlineData(AviCloudType.Aws, true)]
    [InlineData(AviCloudType.Azure, true)]
    [InlineData(AviCloudType.Gcp, true)]
    [InlineData(AviCloudType.OpenStack, true)]
    [InlineData(AviCloudType.VCenter, false)]
    [InlineData(AviCloudType.NsxT, false)]
    public void Enable_public_ip_asks_for_a_floating_ip_on_public_clouds_only_and_says_so_elsewhere(string cloud, bool floating)
    {
        var tree = L4ServiceTranslator.Translate(Service(null), [], [], null, Context);
        var context = Context with { CloudType = new AviCloudType(cloud) };

        var placed = InfraSettingPlacement.Apply(tree, Setting("public") with { EnablePublicIp = true }, context);

        Assert.Equal(floating, placed.Find<VsVipSpec>("c1--red-web")!.AutoAllocateFloatingIp);
        var problems = placed.Problems.Where(p => p.Reason == InfraSettingPlacement.PublicIpNotAppliedReason).ToList();
        if (floating) Assert.Empty(problems);
        else Assert.Contains($"cloud Default-Cloud is {cloud}", Assert.Single(problems).Message, StringComparison.Ordinal);
        // Off or absent: the translator's own vsvip, without the flag (which writes the default back on a vsvip that had it).
        Assert.Equal(tree.Desired, InfraSettingPlacement.Apply(tree, Setting("public") with { EnablePublicIp = false }, context).Desired);
        Assert.False(tree.Find<VsVipSpec>("c1--red-web")!.AutoAllocateFloatingIp);
    }

    [Fact]
    public void A_vsvip_with_a_floating_ip_shows_it_in_the_status_and_a_change_of_the_flag_is_a_rewrite()
    {
        var asked = L4ServiceTranslator.Translate(Service(null), [], [], null, Context).Find<VsVipSpec>("c1--red-web")! with { AutoAllocateFloatingIp = true };
        var held = asked with { AllocatedIp = "172.16.251.1", FloatingIp = "198.51.100.1" };

        Assert.Equal("198.51.100.1", Assert.Single(L4ServiceTranslator.StatusOf(held)).Ip);
        Assert.Equal("172.16.251.1", Assert.Single(L4ServiceTranslator.StatusOf(held with { FloatingIp = null })).Ip);
        Assert.True(asked.IsSatisfiedBy(held));
        Assert.False((asked with { AutoAllocateFloatingIp = false }).IsSatisfiedBy(held));
        Assert.False(asked.RequiresReplacement(held));
    }

    [Fact]
    public void Listeners_replace_the_shared_vs_port_of_the_same_number_or_are_added_as_ako_builds_them()
    {
        var shared = new[] { new VsServicePort(80), new VsServicePort(443, EnableSsl: true) }.ToEquatableArray();
        var listeners = new[] { new InfraListener(443, true, true), new InfraListener(8443, true, false), new InfraListener(8080, false, false), new InfraListener(0, true, true) }
            .ToEquatableArray();

        Assert.Equal(
            [new VsServicePort(80), new VsServicePort(443, EnableSsl: true, EnableHttp2: true), new VsServicePort(8443, EnableSsl: true), new VsServicePort(8080)],
            InfraSettingPlacement.WithListeners(shared, listeners));
        // A listener saying nothing of SSL turns it off on a port that had it, as AKO's (a whole new entry).
        Assert.Equal([new VsServicePort(80), new VsServicePort(443)], InfraSettingPlacement.WithListeners(shared, new[] { new InfraListener(443, false, false) }.ToEquatableArray()));
        Assert.Equal(shared, InfraSettingPlacement.WithListeners(shared, EquatableArray<InfraListener>.Empty));
    }

    [Fact]
    public void Listeners_go_on_shared_l7_vses_only_never_on_an_l4_vs()
    {
        var tree = L4ServiceTranslator.Translate(Service(null), [], [], null, Context);
        var setting = Setting("ports") with { Listeners = new[] { new InfraListener(8443, true, false) }.ToEquatableArray() };

        Assert.Equal(tree.Desired, InfraSettingPlacement.Apply(tree, setting, Context).Desired);
    }

    [Fact]
    public void A_t1lr_puts_the_vip_and_the_pools_on_the_tier1_router_and_leaves_every_vrf_to_the_controller()
    {
        const string t1 = "/infra/tier1/red";
        var tree = L4ServiceTranslator.Translate(Service(null), [], [], null, Context);

        var placed = InfraSettingPlacement.Apply(tree, Setting("nsx") with { T1Lr = t1 }, Context);

        var vip = placed.Find<VsVipSpec>("c1--red-web")!;
        var pool = placed.Find<PoolSpec>("c1--red-web-TCP-80")!;
        Assert.Equal((t1, ""), (vip.Tier1Lr, vip.VrfName));
        Assert.Equal((t1, ""), (pool.Tier1Lr, pool.VrfName));
        Assert.Equal("", placed.Find<VirtualServiceSpec>("c1--red-web")!.Placement.VrfName);
        // Whatever VRF the controller took for the router satisfies the wish; another router is a new VIP.
        var held = vip with { VrfName = "t1-red-vrf", AllocatedIp = "172.16.251.1" };
        Assert.True(vip.IsSatisfiedBy(held));
        Assert.True(pool.IsSatisfiedBy(pool with { VrfName = "t1-red-vrf" }));
        Assert.False(vip.RequiresReplacement(held));
        Assert.True(vip.RequiresReplacement(held with { Tier1Lr = "/infra/tier1/blue" }));
        Assert.True((vip with { MovesInPlace = true }).RequiresReplacement(held with { Tier1Lr = null }));
        // Without one, the controller's own VRF as before.
        Assert.Equal(tree.Desired, InfraSettingPlacement.Apply(tree, Setting("nsx"), Context).Desired);
    }

    private static AviInfraSettingSnapshot Setting(string name) =>
        new(new AviInfraSettingKey(name), "uid-" + name, DateTimeOffset.UnixEpoch, null, EquatableArray<VipNetwork>.Empty, EquatableArray<NodeNetwork>.Empty,
            null, EquatableArray<string>.Empty, EquatableArray<InfraListener>.Empty, null, null);

    private static ServiceSnapshot Service(string? annotation) =>
        new(new ServiceKey("red", "web"), "uid-1", "LoadBalancer", null,
            new[] { new ServicePortSpec(null, "TCP", 80, PortReference.OfNumber(8080), null) }.ToEquatableArray(),
            annotation is null ? LabelSet.Empty : new LabelSet([KeyValuePair.Create(AviInfraSettingSnapshot.NameAnnotation, annotation)]),
            null, false, EquatableArray<LoadBalancerIngressStatus>.Empty);
}
