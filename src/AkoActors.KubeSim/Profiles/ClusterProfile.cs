using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.Profiles;

/// <summary>What a fresh KubeSim contains: nodes, namespaces, ingress classes and any extra objects.</summary>
public sealed record ClusterProfile
{
    /// <summary>Kubelet version nodes report.</summary>
    public string KubeletVersion { get; init; } = "v1.32.0";

    /// <summary>Nodes.</summary>
    public IReadOnlyList<NodeProfile> Nodes { get; init; } = [];

    /// <summary>Namespaces (default, kube-system, kube-public and kube-node-lease are always created).</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>IngressClasses.</summary>
    public IReadOnlyList<IngressClassProfile> IngressClasses { get; init; } = [];

    /// <summary>Whether to create the <c>kubernetes</c> Service in default (cluster IP 10.96.0.1), as every cluster has.</summary>
    public bool KubernetesService { get; init; } = true;

    /// <summary>Any further objects (full manifests with apiVersion and kind), created in order.</summary>
    public IReadOnlyList<JsonObject> Objects { get; init; } = [];

    /// <summary>An empty cluster: only the system namespaces.</summary>
    public static ClusterProfile Empty { get; } = new() { KubernetesService = false };

    /// <summary>
    /// The seed article's cluster: control-plane nodes avi-master1..3 (172.16.250.11-13, pod CIDRs 10.244.0-2.0/24),
    /// workers avi-node1..3 (172.16.250.21-23, pod CIDRs 10.244.3-5.0/24), namespace avi-system, and the avi-lb
    /// IngressClass (controller ako.vmware.com/avi-lb) marked default as AKO's chart does with defaultIngController.
    /// </summary>
    public static ClusterProfile Seed { get; } = new()
    {
        Nodes =
        [
            new() { Name = "avi-master1", InternalIp = "172.16.250.11", PodCidr = "10.244.0.0/24", ControlPlane = true },
            new() { Name = "avi-master2", InternalIp = "172.16.250.12", PodCidr = "10.244.1.0/24", ControlPlane = true },
            new() { Name = "avi-master3", InternalIp = "172.16.250.13", PodCidr = "10.244.2.0/24", ControlPlane = true },
            new() { Name = "avi-node1", InternalIp = "172.16.250.21", PodCidr = "10.244.3.0/24" },
            new() { Name = "avi-node2", InternalIp = "172.16.250.22", PodCidr = "10.244.4.0/24" },
            new() { Name = "avi-node3", InternalIp = "172.16.250.23", PodCidr = "10.244.5.0/24" },
        ],
        Namespaces = ["avi-system"],
        IngressClasses = [new("avi-lb", "ako.vmware.com/avi-lb", IsDefault: true)],
    };
}
