using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Naming;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Tests.Translation;
using AkoActors.Domain.Translation.L7;

namespace AkoActors.Domain.Tests.InfraSettings;

/// <summary>An AviInfraSetting on Ingresses, as AKO's lib and nodes packages do it: the IngressClass's <c>spec.parameters</c>
/// names the setting; its shared VSes are <c>&lt;cluster&gt;--Shared-L7-&lt;setting&gt;-&lt;n&gt;</c> (GetShardVSName with the
/// setting as extra prefix), every per-host object carries <c>&lt;setting&gt;-</c> after the cluster prefix (GetSniNodeName,
/// GetSniPoolName, GetL7PoolName, GetSniHttpPolName, GetTLSKeyCertNodeName) and the <c>InfrasettingName</c> marker;
/// <c>spec.l7Settings.shardSize</c> (ShardSizeMap: LARGE 8, MEDIUM 4, SMALL 1) decides how many shards the host is hashed
/// among (FNV-1a-32, masked).</summary>
public class IngressInfraSettingTests
{
    private const string Host = "nginx1.ako.example.com";

    [Fact]
    public void An_infra_settings_names_are_akos_byte_for_byte()
    {
        var names = new AviNames("c1") { InfraSetting = "red" };

        Assert.Equal("c1--Shared-L7-red-2", names.SharedL7VirtualService(2));
        Assert.Equal("c1--red-secure.example.com", names.SniChild("secure.example.com"));
        Assert.Equal("c1--red-secure.example.com", names.Certificate("secure.example.com"));
        Assert.Equal("c1--red-default-secure.example.com_api-web", names.SniPool("default", "secure.example.com", "/api", "web"));
        Assert.Equal("c1--red-default-secure.example.com", names.SniHttpPolicySet("default", "secure.example.com"));
        Assert.Equal("c1--red-foo.com_bar-default-ing1", names.InsecurePool("foo.com", "/bar", "default", "ing1"));
        // The controller's own are unchanged.
        Assert.Equal("c1--Shared-L7-2", new AviNames("c1").SharedL7VirtualService(2));
    }

    [Theory]
    [InlineData("c1--Shared-L7-3", true, null, 3)]
    [InlineData("c1--Shared-L7-red-2", true, "red", 2)]
    [InlineData("c1--Shared-L7-team-a-0", true, "team-a", 0)]
    [InlineData("c1--Shared-L7-7-0", true, "7", 0)]
    [InlineData("c1--Shared-L7-red", false, null, -1)]
    [InlineData("c1--Shared-L7-", false, null, -1)]
    [InlineData("c1--Shared-L7--1", false, null, 1)]
    [InlineData("c2--Shared-L7-1", false, null, -1)]
    [InlineData("c1--red-secure.example.com", false, null, -1)]
    public void A_shared_vs_name_reads_back_as_its_setting_and_shard(string name, bool shared, string? setting, int index)
    {
        var names = new AviNames("c1");

        Assert.Equal(shared, names.TryParseSharedL7VirtualService(name, out var parsedSetting, out var parsedIndex));
        if (shared) Assert.Equal((setting, index), (parsedSetting, parsedIndex));
        Assert.Equal(shared, names.IsSharedL7VirtualService(name));
    }

    [Theory]
    [InlineData("LARGE", ShardVsSize.Small, 8u)]
    [InlineData("MEDIUM", ShardVsSize.Small, 4u)]
    [InlineData("SMALL", ShardVsSize.Large, 1u)]
    [InlineData(null, ShardVsSize.Large, 8u)]
    [InlineData(null, ShardVsSize.Medium, 4u)]
    public void A_settings_shard_size_wins_over_shard_vs_size(string? shardSize, ShardVsSize global, uint expected)
    {
        var family = IngressInfraSetting.FamilyOf(Setting("red", RuleStatus.Accepted) with { ShardSize = shardSize }, new AkoSettings { ClusterName = "c1", ShardVsSize = global });

        Assert.Equal(new SharedVsFamily("red", expected), family);
    }

    [Theory]
    [InlineData("LARGE", "c1--Shared-L7-red-6")]
    [InlineData("MEDIUM", "c1--Shared-L7-red-2")]
    [InlineData("SMALL", "c1--Shared-L7-red-0")]
    public void An_ingress_of_a_class_naming_an_accepted_setting_goes_to_the_settings_shard_for_its_host(string shardSize, string expected)
    {
        var world = WorldWithClasses(Setting("red", RuleStatus.Accepted) with { ShardSize = shardSize });
        var ingress = IngressOfClass(world, "web", "red-class");

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);

        Assert.Equal([expected], translation.ByVirtualService.Keys);
        Assert.Equal("red", translation.Family!.InfraSetting);
        Assert.DoesNotContain(translation.Problems, p => p.Reason is "IngressClassParametersIgnored" or InfraSettingAttachment.NotAppliedReason);
    }

    [Fact]
    public void Two_classes_side_by_side_place_their_ingresses_on_their_own_families()
    {
        var world = WorldWithClasses(Setting("red", RuleStatus.Accepted) with { ShardSize = "MEDIUM" });
        var withSetting = IngressOfClass(world, "web", "red-class");
        var plain = world.Ingress("plain", 1, ("other.ako.example.com", "/", "web"));

        Assert.Equal(["c1--Shared-L7-red-2"], IngressTranslator.Translate(withSetting, world.Cluster, world.Context).ByVirtualService.Keys);
        var own = IngressTranslator.Translate(plain, world.Cluster, world.Context);
        Assert.Equal(["c1--Shared-L7-0"], own.ByVirtualService.Keys);
        Assert.Equal(new SharedVsFamily(null, 1), own.Family);
    }

    [Theory]
    [InlineData(false, "there is no AviInfraSetting red")]
    [InlineData(true, "AviInfraSetting red is Rejected (serviceenginegroup \"x\" not found)")]
    public void A_missing_or_rejected_setting_places_the_hosts_on_the_controllers_own_vses_and_says_why(bool exists, string why)
    {
        var world = WorldWithClasses(exists ? Setting("red", RuleStatus.Rejected("serviceenginegroup \"x\" not found")) : null);
        var ingress = IngressOfClass(world, "web", "red-class");

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);

        Assert.Equal(["c1--Shared-L7-0"], translation.ByVirtualService.Keys);
        var problem = Assert.Single(translation.Problems, p => p.Reason == InfraSettingAttachment.NotAppliedReason);
        Assert.Contains("Ingress default/web names AviInfraSetting red (spec.parameters of IngressClass red-class)", problem.Message, StringComparison.Ordinal);
        Assert.Contains(why, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_not_decided_yet_holds_the_hosts_where_they_are()
    {
        var world = WorldWithClasses(Setting("red", null));
        var ingress = IngressOfClass(world, "web", "red-class");

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);

        Assert.True(translation.Handled);
        Assert.Equal("red", translation.AwaitingInfraSetting);
        Assert.Empty(translation.ByVirtualService);
        Assert.Null(translation.Family);
    }

    [Fact]
    public void An_edit_being_checked_holds_the_hosts_where_they_are_until_it_is_decided()
    {
        // Accepted for generation 1, edited to generation 2 (a new shard size) and not checked yet: the status still says Accepted.
        var world = WorldWithClasses(Setting("red", RuleStatus.Accepted) with { Generation = 2, DecidedGeneration = 1, ShardSize = "LARGE" });

        var translation = IngressTranslator.Translate(IngressOfClass(world, "web", "red-class"), world.Cluster, world.Context);

        Assert.Equal("red", translation.AwaitingInfraSetting);
        Assert.Empty(translation.ByVirtualService);
    }

    [Fact]
    public void Parameters_of_another_kind_are_ignored_and_a_dedicated_setting_is_refused()
    {
        var world = WorldWithClasses(Setting("red", RuleStatus.Accepted) with { ShardSize = "DEDICATED" });
        world.Cluster.IngressClasses["other-class"] = new IngressClassSnapshot("other-class", IngressClassSnapshot.AviController, false)
        {
            Parameters = "IngressParameters red", ParametersApiGroup = "example.com", ParametersKind = "IngressParameters", ParametersName = "red",
        };

        var other = IngressTranslator.Translate(IngressOfClass(world, "other", "other-class"), world.Cluster, world.Context);
        Assert.Equal(["c1--Shared-L7-0"], other.ByVirtualService.Keys);
        Assert.Contains(other.Problems, p => p.Reason == "IngressClassParametersIgnored");

        var dedicated = IngressTranslator.Translate(IngressOfClass(world, "web", "red-class"), world.Cluster, world.Context);
        Assert.Empty(dedicated.ByVirtualService);
        Assert.Contains(dedicated.Problems, p => p.Reason == "DedicatedUnsupported" && p.Message.Contains("AviInfraSetting red", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_object_of_a_settings_vs_carries_its_marker_and_the_tree_is_placed_with_it()
    {
        var world = WorldWithClasses(Setting("red", RuleStatus.Accepted) with
        {
            SeGroup = "red-se-group",
            VipNetworks = new[] { new VipNetwork("red-vip", "172.16.252.0/24") }.ToEquatableArray(),
            EnableRhi = true,
            BgpPeerLabels = new[] { "peer1" }.ToEquatableArray(),
        });
        world.Secret("tls");
        var ingress = world.Ingress("web", 1, ([Host], "tls"), (Host, "/", "web"), ("plain.ako.example.com", "/", "web")) with { IngressClassName = "red-class" };
        world.Cluster.Ingresses[ingress.Key] = ingress;
        var setting = world.Cluster.AviInfraSettings[new AviInfraSettingKey("red")];

        var translation = IngressTranslator.Translate(ingress, world.Cluster, world.Context);
        var (vsName, contribution) = Assert.Single(translation.ByVirtualService);
        var context = world.Context.ForInfraSetting("red");
        var shard = SharedVirtualServiceTranslator.Translate(vsName, [contribution], world.Cluster, context);
        var tree = InfraSettingPlacement.Apply(shard.Tree, setting, context);

        Assert.Equal("c1--Shared-L7-red-0", vsName);
        Assert.All(tree.Desired, spec => Assert.Equal("red", AviOwnership.InfraSettingOf(spec)));
        Assert.All(tree.Desired.Where(s => s.Name != vsName), spec => Assert.StartsWith("c1--red-", spec.Name, StringComparison.Ordinal));
        Assert.Contains(tree.Desired, s => s is VirtualServiceSpec { Name: "c1--red-" + Host });
        Assert.All(tree.Desired.OfType<VirtualServiceSpec>(), vs => Assert.Equal("red-se-group", vs.Placement.ServiceEngineGroupName));
        var vip = Assert.Single(tree.Desired.OfType<VsVipSpec>());
        Assert.Equal(("red-vip", "172.16.252.0/24"), (vip.NetworkName, vip.SubnetCidr));
        Assert.Equal(["peer1"], vip.BgpPeerLabels);
        Assert.True(tree.Desired.OfType<VirtualServiceSpec>().Single(vs => vs.Name == vsName).EnableRhi);
        // The controller's own VS's objects carry no setting.
        var own = SharedVirtualServiceTranslator.Translate("c1--Shared-L7-0", [contribution], world.Cluster, world.Context);
        Assert.All(own.Tree.Desired, spec => Assert.Null(AviOwnership.InfraSettingOf(spec)));
    }

    private static L7World WorldWithClasses(AviInfraSettingSnapshot? setting)
    {
        var world = new L7World().Service("web", "10.244.1.5");
        world.Cluster.IngressClasses["red-class"] = new IngressClassSnapshot("red-class", IngressClassSnapshot.AviController, false)
        {
            Parameters = "AviInfraSetting red", ParametersApiGroup = "ako.vmware.com", ParametersKind = "AviInfraSetting", ParametersName = "red",
        };
        if (setting is not null) world.Cluster.AviInfraSettings[setting.Key] = setting;
        return world;
    }

    private static IngressSnapshot IngressOfClass(L7World world, string name, string className)
    {
        var ingress = world.Ingress(name, 1, (Host, "/", "web")) with { IngressClassName = className };
        world.Cluster.Ingresses[ingress.Key] = ingress;
        return ingress;
    }

    private static AviInfraSettingSnapshot Setting(string name, RuleStatus? status) =>
        new(new AviInfraSettingKey(name), "uid-" + name, DateTimeOffset.UnixEpoch, null, EquatableArray<VipNetwork>.Empty, EquatableArray<NodeNetwork>.Empty,
            null, EquatableArray<string>.Empty, EquatableArray<InfraListener>.Empty, null, status)
        {
            Generation = 1,
            DecidedGeneration = status is null ? null : 1,
        };
}
