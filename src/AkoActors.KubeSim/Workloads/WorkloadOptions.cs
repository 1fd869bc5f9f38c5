namespace AkoActors.KubeSim.Workloads;

/// <summary>Which simulated cluster controllers run, and how fast simulated Pods move; each can be switched off for tests that feed objects directly.</summary>
public sealed record WorkloadOptions
{
    /// <summary>Deployment → ReplicaSet → Pods, scaling, and Deployment/ReplicaSet status.</summary>
    public bool Deployments { get; init; } = true;

    /// <summary>StatefulSet → Pods &lt;name&gt;-0..N-1, ordered or parallel, rolling updates, and StatefulSet status.</summary>
    public bool StatefulSets { get; init; } = true;

    /// <summary>PodDisruptionBudget status (healthy, desired and expected Pods, disruptions allowed) from the Pods they select.</summary>
    public bool DisruptionBudgets { get; init; } = true;

    /// <summary>Scheduler and kubelet: Pods are bound round-robin to Ready nodes they tolerate, get an IP from the node's pod CIDR and become Ready.</summary>
    public bool Pods { get; init; } = true;

    /// <summary>Services with a selector → Endpoints and EndpointSlices of the matching Pods.</summary>
    public bool Endpoints { get; init; } = true;

    /// <summary>Garbage collection through ownerReferences (background, foreground and orphan propagation).</summary>
    public bool GarbageCollector { get; init; } = true;

    /// <summary>Whether the simulated controllers record Events (Scheduled, Pulled, Created, Started, ScalingReplicaSet, SuccessfulCreate...).</summary>
    public bool Events { get; init; } = true;

    /// <summary>How long a scheduled Pod stays Pending (ContainerCreating) before it runs and turns Ready; zero creates Pods already Ready.</summary>
    public TimeSpan PodReadyDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a deleted Pod stays Terminating (endpoint conditions terminating=true) before it disappears; zero removes it at once.</summary>
    public TimeSpan PodTerminationDelay { get; init; }

    /// <summary>Everything off: the store only holds what clients write.</summary>
    public static WorkloadOptions None { get; } = new() { Deployments = false, StatefulSets = false, DisruptionBudgets = false, Pods = false, Endpoints = false, GarbageCollector = false, Events = false };
}
