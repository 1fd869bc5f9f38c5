namespace AkoActors.Simulation.Workloads;

/// <summary>What node churn does to a Node: the changes a cluster's static routes follow (a node joins, leaves, or is
/// given another pod CIDR through AKO's <c>ako.vmware.com/pod-cidrs</c> override).</summary>
public enum NodeChangeKind
{
    Add,
    Delete,
    ChangePodCidr,
}
