using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;
using AkoActors.Domain.Translation.L7;

namespace AkoActors.Domain.Tests.Translation;

/// <summary>Issue 15 point 6, <c>nodeNetworkList</c> as AKO applies it: every pool (L4, shared-VIP, Ingress, SNI) gets one
/// placement network per CIDR of each entry, referred to by uuid when the entry gives one, on vCenter clouds and NSX-T
/// clouds with a VLAN transport zone only (AKO's <c>IsNodeNetworkAllowedCloud</c>).</summary>
public class PoolPlacementNetworkTests
{
    private static readonly EquatableArray<NodeNetwork> NodeNetworks = new[]
    {
        new NodeNetwork("k8s-nodes", new[] { "172.16.250.0/24", "fd00:10::/64" }.ToEquatableArray()),
        new NodeNetwork("ignored-name", new[] { "10.10.0.0/16" }.ToEquatableArray(), "dvportgroup-4167-cloud-d4b24fc7"),
    }.ToEquatableArray();

    private static readonly string[] Expected =
        ["k8s-nodes 172.16.250.0/24", "k8s-nodes fd00:10::/64", "ignored-name (uuid dvportgroup-4167-cloud-d4b24fc7) 10.10.0.0/16"];

    private static readonly AviCloudType VCenter = new(AviCloudType.VCenter);

    private static TranslationContext Context(AviCloudType? cloud) =>
        new(new AkoSettings
        {
            ClusterName = "c1",
            VipNetworks = new[] { new VipNetwork("alb-vip", "172.16.251.0/24") }.ToEquatableArray(),
            NodeNetworks = NodeNetworks,
        }, new[] { "ako.example.com" }.ToEquatableArray()) { LicenseTier = "ENTERPRISE", CloudType = cloud };

    public static TheoryData<string, string?, bool> Clouds => new()
    {
        { "CLOUD_VCENTER", null, true },
        { "CLOUD_NSXT", "VLAN", true },
        { "CLOUD_NSXT", "OVERLAY", false },
        { "CLOUD_NONE", null, false },
        { "CLOUD_AWS", null, false },
        { "CLOUD_AZURE", null, false },
    };

    [Theory]
    [MemberData(nameof(Clouds))]
    public void L4_pools_get_one_placement_network_per_cidr_only_on_the_clouds_ako_places_pools_on(string vtype, string? transportZone, bool placed)
    {
        var service = new ServiceSnapshot(new ServiceKey("red", "dns"), "uid-1", "LoadBalancer", null,
            new[] { new ServicePortSpec("tcp", "TCP", 53, PortReference.OfNumber(53), null), new ServicePortSpec("udp", "UDP", 53, PortReference.OfNumber(53), null) }.ToEquatableArray(),
            LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty);

        var tree = L4ServiceTranslator.Translate(service, [], [], null, Context(new AviCloudType(vtype, transportZone)));

        var pools = tree.Desired.OfType<PoolSpec>().ToList();
        Assert.Equal(2, pools.Count);
        Assert.All(pools, pool => Assert.Equal(placed ? Expected : [], Describe(pool)));
    }

    [Fact]
    public void An_unknown_cloud_type_places_no_pool()
    {
        var service = new ServiceSnapshot(new ServiceKey("red", "web"), "uid-1", "LoadBalancer", null,
            new[] { new ServicePortSpec("http", "TCP", 80, PortReference.OfNumber(8080), null) }.ToEquatableArray(),
            LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty);

        var tree = L4ServiceTranslator.Translate(service, [], [], null, Context(null));

        Assert.Empty(tree.Desired.OfType<PoolSpec>().Single().PlacementNetworks);
    }

    [Fact]
    public void Shared_vip_member_pools_get_the_placement_networks()
    {
        var members = new[] { "a", "b" }.Select((name, i) => new ServiceSnapshot(new ServiceKey("red", name), $"uid-{name}", "LoadBalancer", null,
                new[] { new ServicePortSpec("http", "TCP", 80 + i, PortReference.OfNumber(8080), null) }.ToEquatableArray(),
                LabelSet.Empty, null, false, EquatableArray<LoadBalancerIngressStatus>.Empty)
            { Annotations = new LabelSet([KeyValuePair.Create(L4ServiceTranslator.SharedVipAnnotation, "shared1")]) })
            .ToList();

        var translation = SharedVipTranslator.Translate(ServiceKey.ForSharedVip("red", "shared1"), members, _ => [], [], Context(VCenter));

        var pools = translation.Tree.Desired.OfType<PoolSpec>().ToList();
        Assert.Equal(2, pools.Count);
        Assert.All(pools, pool => Assert.Equal(Expected, Describe(pool)));
    }

    [Fact]
    public void Ingress_host_pools_and_sni_pools_get_the_placement_networks()
    {
        var world = new L7World().Service("web", "10.244.3.1").Secret("web-tls");
        var context = world.Context with { Settings = world.Context.Settings with { NodeNetworks = NodeNetworks }, CloudType = VCenter };
        var ingress = world.Ingress("web", 1, (["secure.ako.example.com"], "web-tls"), ("secure.ako.example.com", "/", "web"), ("plain.ako.example.com", "/", "web"));

        var translation = IngressTranslator.Translate(ingress, world.Cluster, context);
        var shard = SharedVirtualServiceTranslator.Translate("c1--Shared-L7-0", translation.ByVirtualService.Values, world.Cluster, context);

        var pools = shard.Tree.Desired.OfType<PoolSpec>().ToList();
        Assert.Equal(["c1--default-secure.ako.example.com_-web", "c1--plain.ako.example.com_-default-web"], pools.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(pools, pool => Assert.Equal(Expected, Describe(pool)));
    }

    [Fact]
    public void A_later_entry_for_the_same_network_replaces_the_earlier_one_as_in_akos_map()
    {
        var placements = PoolPlacementNetwork.From(
        [
            new NodeNetwork("k8s-nodes", new[] { "172.16.250.0/24" }.ToEquatableArray()),
            new NodeNetwork("other", new[] { "10.0.0.0/8" }.ToEquatableArray()),
            new NodeNetwork("k8s-nodes", new[] { "172.16.252.0/24" }.ToEquatableArray()),
            new NodeNetwork("no-cidrs", EquatableArray<string>.Empty),
        ]);

        Assert.Equal(["k8s-nodes 172.16.252.0/24", "other 10.0.0.0/8"], placements.Select(p => $"{p.Network} {p.Subnet}"));
    }

    [Fact]
    public void A_pool_read_back_satisfies_the_wanted_placement_in_any_order_by_uuid_or_by_name()
    {
        var wanted = Pool(PoolPlacementNetwork.From(NodeNetworks));
        // As the controller reads them back: every reference with both its uuid and its name, in the order AKO's map gave.
        var read = Pool(new[]
        {
            new PoolPlacementNetwork(new AviNetworkRef("portgroup-10", "dvportgroup-4167-cloud-d4b24fc7"), "10.10.0.0/16"),
            new PoolPlacementNetwork(new AviNetworkRef("k8s-nodes", "network-1"), "fd00:10::/64"),
            new PoolPlacementNetwork(new AviNetworkRef("k8s-nodes", "network-1"), "172.16.250.0/24"),
        }.ToEquatableArray());

        Assert.True(wanted.IsSatisfiedBy(read));
        Assert.False(wanted.IsSatisfiedBy(read with { PlacementNetworks = read.PlacementNetworks.Skip(1).ToEquatableArray() }), "one network missing");
        Assert.False(wanted.IsSatisfiedBy(read with { PlacementNetworks = read.PlacementNetworks.Append(new PoolPlacementNetwork(new AviNetworkRef("x", "network-9"), "10.9.0.0/16")).ToEquatableArray() }), "one network too many");
        Assert.False(wanted.IsSatisfiedBy(read with
        {
            PlacementNetworks = read.PlacementNetworks.Select(p => p.Subnet == "172.16.250.0/24" ? p with { Network = new AviNetworkRef("renamed", "network-1") } : p).ToEquatableArray(),
        }), "named by networkName: another name is another network");
        Assert.False(wanted.IsSatisfiedBy(read with
        {
            PlacementNetworks = read.PlacementNetworks.Select(p => p.Subnet == "10.10.0.0/16" ? p with { Network = new AviNetworkRef("portgroup-10", "network-2") } : p).ToEquatableArray(),
        }), "named by networkUUID: another uuid is another network");
        Assert.False(Pool(EquatableArray<PoolPlacementNetwork>.Empty).IsSatisfiedBy(read), "none wanted: the ones there must go");
    }

    private static PoolSpec Pool(EquatableArray<PoolPlacementNetwork> placements) =>
        new("c1--red-web-TCP-80", EquatableArray<PoolServer>.Empty, new[] { "System-TCP" }.ToEquatableArray(), "Default-Cloud", "global",
            new AviObjectMeta("ako-c1", EquatableArray<AviMarker>.Empty, null)) { PlacementNetworks = placements };

    private static string[] Describe(PoolSpec pool) => pool.PlacementNetworks.Select(p => $"{p.Network} {p.Subnet}").ToArray();
}
