namespace AkoActors.KubeSim.Profiles;

/// <summary>One simulated node: its address and pod CIDR are data for the controller under test; nothing is ever sent to them.</summary>
public sealed record NodeProfile
{
    /// <summary>Node name.</summary>
    public required string Name { get; init; }

    /// <summary>InternalIP address.</summary>
    public required string InternalIp { get; init; }

    /// <summary>Pod CIDR (spec.podCIDR), from which this node's Pods get addresses.</summary>
    public required string PodCidr { get; init; }

    /// <summary>Whether the node is a control-plane node (role label and NoSchedule taint, so no workload lands there).</summary>
    public bool ControlPlane { get; init; }

    /// <summary>Whether the node reports Ready.</summary>
    public bool Ready { get; init; } = true;

    /// <summary>Extra labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
