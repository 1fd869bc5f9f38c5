using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Kubernetes;

/// <summary>What the controller needs of a Kubernetes Node: addresses, pod CIDRs, labels.</summary>
public sealed record NodeSnapshot(
    NodeKey Key,
    string Uid,
    LabelSet Labels,
    LabelSet Annotations,
    EquatableArray<string> PodCidrs,
    EquatableArray<NodeAddressSpec> Addresses)
{
    public const string PodCidrsAnnotation = "ako.vmware.com/pod-cidrs";

    /// <summary>metadata.creationTimestamp: when two nodes claim overlapping pod CIDRs, the one created later is refused.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The node's InternalIP addresses in the order the kubelet reported them.</summary>
    public IEnumerable<string> InternalIps => Addresses.Where(a => a.Type == "InternalIP").Select(a => a.Address);
}
