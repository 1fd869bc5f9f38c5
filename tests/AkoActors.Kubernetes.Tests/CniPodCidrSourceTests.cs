using AkoActors.Kubernetes.CniObjects;
using k8s;

namespace AkoActors.Kubernetes.Tests;

/// <summary>How one CNI object is read, in the shapes Calico and Cilium write (a BlockAffinity per IP block with
/// <c>spec.node</c>/<c>spec.cidr</c>; a CiliumNode named after its node with <c>spec.ipam.podCIDRs</c>).</summary>
public sealed class CniPodCidrSourceTests
{
    [Fact]
    public void A_calico_block_affinity_names_its_node_and_one_cidr()
    {
        var source = CniPodCidrSource.For("calico")!;
        var item = KubernetesJson.Deserialize<AkoActors.Kubernetes.CustomResources.CustomResource>("""
            {"apiVersion":"crd.projectcalico.org/v1","kind":"BlockAffinity","metadata":{"name":"worker-1-192-168-14-64-26"},
             "spec":{"cidr":"192.168.14.64/26","deleted":"false","node":"worker-1","state":"confirmed"}}
            """);

        Assert.Equal(("crd.projectcalico.org", "v1", "blockaffinities"), (source.Resource.Group, source.Resource.Version, source.Resource.Plural));
        var (node, cidrs) = source.Read(item);
        Assert.Equal("worker-1", node);
        Assert.Equal(["192.168.14.64/26"], cidrs);
    }

    [Fact]
    public void A_cilium_node_gives_its_own_name_and_every_ipam_pod_cidr()
    {
        var source = CniPodCidrSource.For("cilium")!;
        var item = KubernetesJson.Deserialize<AkoActors.Kubernetes.CustomResources.CustomResource>("""
            {"apiVersion":"cilium.io/v2","kind":"CiliumNode","metadata":{"name":"worker-2"},
             "spec":{"addresses":[{"ip":"172.16.250.22","type":"InternalIP"}],"ipam":{"podCIDRs":["10.0.2.0/24","fd00:10:0:2::/64"]}}}
            """);

        Assert.Equal(("cilium.io", "v2", "ciliumnodes"), (source.Resource.Group, source.Resource.Version, source.Resource.Plural));
        var (node, cidrs) = source.Read(item);
        Assert.Equal("worker-2", node);
        Assert.Equal(["10.0.2.0/24", "fd00:10:0:2::/64"], cidrs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("antrea")]
    [InlineData("ovn-kubernetes")]
    public void Other_cnis_need_no_extra_informer(string cni) => Assert.Null(CniPodCidrSource.For(cni));
}
