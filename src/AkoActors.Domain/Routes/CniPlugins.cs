namespace AkoActors.Domain.Routes;

/// <summary>AKO's <c>cniPlugin</c> values that change where a node's pod CIDRs and next hop come from (AKO's GetPodCIDR
/// and GetIPFromNode): any other value uses the <c>ako.vmware.com/pod-cidrs</c> annotation, else spec.podCIDRs.</summary>
public static class CniPlugins
{
    /// <summary>Pod CIDRs from Calico's BlockAffinity objects (<c>spec.node</c>, <c>spec.cidr</c>); next hop from the
    /// node's <c>projectcalico.org/IPv4Address</c>.</summary>
    public const string Calico = "calico";

    /// <summary>Pod CIDRs as usual; next hop from the node's <c>node.antrea.io/transport-addresses</c>.</summary>
    public const string Antrea = "antrea";

    /// <summary>Pod CIDRs from the node's <c>k8s.ovn.org/node-subnets</c> annotation (<c>{"default": cidr or [cidrs]}</c>).</summary>
    public const string OvnKubernetes = "ovn-kubernetes";

    /// <summary>Pod CIDRs from the CiliumNode of the same name (<c>spec.ipam.podCIDRs</c>).</summary>
    public const string Cilium = "cilium";

    public const string OvnNodeSubnetsAnnotation = "k8s.ovn.org/node-subnets";
    public const string CalicoIPv4AddressAnnotation = "projectcalico.org/IPv4Address";
    public const string AntreaTransportAddressesAnnotation = "node.antrea.io/transport-addresses";

    /// <summary>True when the pod CIDRs come from objects other than the Node (Calico BlockAffinities, CiliumNodes).</summary>
    public static bool ReadsCustomResources(string cniPlugin) => cniPlugin is Calico or Cilium;
}
