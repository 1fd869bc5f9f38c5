using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Kubernetes;

/// <summary>This replica's read-only view of the cluster, kept current by its informers; actors read it when told to look again.</summary>
public interface IClusterState
{
    /// <summary>True once every informer has completed its first list; until then absence means "not known yet", never "deleted".</summary>
    bool IsSynced { get; }

    ServiceSnapshot? GetService(ServiceKey key);

    IReadOnlyList<EndpointSliceSnapshot> GetEndpointSlices(ServiceKey key);

    NamespaceSnapshot? GetNamespace(string name);

    IReadOnlyList<NodeSnapshot> GetNodes();

    IngressSnapshot? GetIngress(IngressKey key);

    IngressClassSnapshot? GetIngressClass(string name);

    IReadOnlyList<IngressClassSnapshot> GetIngressClasses();

    TlsSecretSnapshot? GetSecret(string ns, string name);

    IReadOnlyList<ServiceKey> ServiceKeys();

    IReadOnlyList<IngressKey> IngressKeys();

    /// <summary>AKO's HostRules in every namespace, with the status last written to them; none where the CRD is not installed.</summary>
    IReadOnlyList<HostRules.HostRuleSnapshot> GetHostRules() => [];

    /// <summary>AKO's HTTPRules in every namespace, with the status last written to them; none where the CRD is not installed.</summary>
    IReadOnlyList<HttpRules.HttpRuleSnapshot> GetHttpRules() => [];

    /// <summary>AKO's L4Rules in every namespace, with the status last written to them; none where the CRD is not installed.</summary>
    IReadOnlyList<L4Rules.L4RuleSnapshot> GetL4Rules() => [];

    /// <summary>AKO's AviInfraSettings (cluster scope), with the status last written to them; none where the CRD is not installed.</summary>
    IReadOnlyList<InfraSettings.AviInfraSettingSnapshot> GetAviInfraSettings() => [];

    /// <summary>One node by name, without listing them all (each node's route owner reads only its own).</summary>
    NodeSnapshot? GetNode(NodeKey key);

    /// <summary>The pod CIDRs a CNI's own objects assign to a node (Calico BlockAffinities, a CiliumNode), when
    /// <c>cniPlugin</c> names such a CNI; empty otherwise.</summary>
    IReadOnlyList<string> GetCniPodCidrs(NodeKey key) => [];
}
