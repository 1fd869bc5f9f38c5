using AkoActors.Domain.Collections;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Routes;
using static AkoActors.Domain.Tests.Routes.RouteNodes;

namespace AkoActors.Domain.Tests.Routes;

/// <summary>Issue 15 point 6: pod CIDRs and next hops per <c>cniPlugin</c>, as AKO's GetPodCIDR and GetIPFromNode read
/// them: ovn-kubernetes' <c>k8s.ovn.org/node-subnets</c> annotation, Calico's BlockAffinities and Cilium's CiliumNode
/// (collected by the cache), Calico's and Antrea's node address annotations as next hop.</summary>
public sealed class CniPodCidrSourceTests
{
    [Theory]
    [InlineData("""{"default":"10.128.2.0/23"}""", "10.128.2.0/23 via 172.16.250.21")]
    [InlineData("""{"default":["10.128.2.0/23","10.129.2.0/23"]}""", "10.128.2.0/23 via 172.16.250.21,10.129.2.0/23 via 172.16.250.21")]
    public void Ovn_kubernetes_reads_the_node_subnets_annotation_instead_of_spec_pod_cidrs(string annotation, string expected)
    {
        var routes = NodeRouteCalculator.For(With(Node("n", ["172.16.250.21"], ["10.244.3.0/24"]), CniPlugins.OvnNodeSubnetsAnnotation, annotation),
            CniPlugins.OvnKubernetes);

        Assert.Equal(expected.Split(','), routes.Routes.Select(r => r.ToString()));
        Assert.Empty(routes.Problems);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("""{"default":"10.128.2.0/33"}""")]
    [InlineData("""{"other":"10.128.2.0/23"}""")]
    public void Ovn_kubernetes_without_a_usable_annotation_programs_nothing_for_the_node_and_says_why(string? annotation)
    {
        var node = Node("n", ["172.16.250.21"], ["10.244.3.0/24"]);
        if (annotation is not null) node = With(node, CniPlugins.OvnNodeSubnetsAnnotation, annotation);

        var routes = NodeRouteCalculator.For(node, CniPlugins.OvnKubernetes);

        Assert.Empty(routes.Routes);
        var problem = Assert.Single(routes.Problems);
        Assert.Equal(NodeRouteCalculator.NoCniPodCidrReason, problem.Reason);
        Assert.Contains("k8s.ovn.org/node-subnets", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calico_routes_every_block_affined_to_the_node_via_its_calico_address()
    {
        var node = With(Node("n", ["172.16.250.21"], ["10.244.3.0/24"]), CniPlugins.CalicoIPv4AddressAnnotation, "172.16.250.121/24");

        var routes = NodeRouteCalculator.For(node, CniPlugins.Calico, ["192.168.14.64/26", "192.168.14.128/26", "192.168.14.64/26"]);

        Assert.Equal(["192.168.14.64/26 via 172.16.250.121", "192.168.14.128/26 via 172.16.250.121"], routes.Routes.Select(r => r.ToString()));
        Assert.Empty(routes.Problems);
    }

    [Fact]
    public void Calico_or_cilium_with_no_object_for_the_node_programs_nothing_and_names_the_missing_object()
    {
        var calico = NodeRouteCalculator.For(Node("n", ["172.16.250.21"], ["10.244.3.0/24"]), CniPlugins.Calico, []);
        var cilium = NodeRouteCalculator.For(Node("n", ["172.16.250.21"], ["10.244.3.0/24"]), CniPlugins.Cilium, []);

        Assert.Empty(calico.Routes);
        Assert.Contains("BlockAffinity", Assert.Single(calico.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(cilium.Routes);
        Assert.Contains("CiliumNode", Assert.Single(cilium.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Antrea_keeps_spec_pod_cidrs_and_routes_via_its_transport_address()
    {
        var node = With(Node("n", ["172.16.250.21"], ["10.244.3.0/24"]), CniPlugins.AntreaTransportAddressesAnnotation, "172.16.251.21,fd00::21");

        var routes = NodeRouteCalculator.For(node, CniPlugins.Antrea);

        Assert.Equal(["10.244.3.0/24 via 172.16.251.21"], routes.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void Without_a_cni_plugin_the_cni_annotations_change_nothing()
    {
        var node = With(With(Node("n", ["172.16.250.21"], ["10.244.3.0/24"]), CniPlugins.CalicoIPv4AddressAnnotation, "172.16.250.121/24"),
            CniPlugins.OvnNodeSubnetsAnnotation, """{"default":"10.128.2.0/23"}""");

        Assert.Equal(["10.244.3.0/24 via 172.16.250.21"], NodeRouteCalculator.For(node).Routes.Select(r => r.ToString()));
    }

    private static NodeSnapshot With(NodeSnapshot node, string key, string value) =>
        node with { Annotations = new LabelSet(node.Annotations.Append(KeyValuePair.Create(key, value))) };
}
