namespace AkoActors.Simulation.Workloads;

/// <summary>One node change <see cref="NodeChurn"/> decided, before it is sent: the Node, its InternalIP, and its pod CIDR
/// before (null for an added Node) and after (null for a deleted one).</summary>
public sealed record PlannedNodeChange(NodeChangeKind Kind, string Node, string Address, string? OldPodCidr, string? NewPodCidr)
{
    /// <summary>The route the VRF must hold afterwards (<c>10.32.3.0/24 via 10.0.0.4</c>), if any.</summary>
    public IReadOnlyList<string> Present => NewPodCidr is null ? [] : [$"{NewPodCidr} via {Address}"];

    /// <summary>The prefix the VRF must no longer route, if any.</summary>
    public IReadOnlyList<string> AbsentPrefixes => OldPodCidr is null ? [] : [OldPodCidr];

    public override string ToString() => Kind switch
    {
        NodeChangeKind.Add => $"add Node {Node} ({NewPodCidr} via {Address})",
        NodeChangeKind.Delete => $"delete Node {Node} ({OldPodCidr} via {Address})",
        _ => $"Node {Node} pod CIDR {OldPodCidr} -> {NewPodCidr}",
    };
}
