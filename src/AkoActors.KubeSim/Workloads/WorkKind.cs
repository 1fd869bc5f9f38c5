namespace AkoActors.KubeSim.Workloads;

/// <summary>What a queued piece of controller work is about.</summary>
public enum WorkKind
{
    /// <summary>Reconcile a Deployment.</summary>
    Deployment,

    /// <summary>Reconcile a ReplicaSet.</summary>
    ReplicaSet,

    /// <summary>Reconcile a StatefulSet.</summary>
    StatefulSet,

    /// <summary>Recompute a PodDisruptionBudget's status.</summary>
    DisruptionBudget,

    /// <summary>Reconcile a Service's Endpoints and EndpointSlices.</summary>
    ServiceEndpoints,

    /// <summary>Bind an unscheduled Pod to a node.</summary>
    SchedulePod,

    /// <summary>Start a scheduled Pod (Running, Ready, IP).</summary>
    StartPod,

    /// <summary>Remove a terminating Pod whose grace period is over.</summary>
    FinishPod,

    /// <summary>Garbage-collect the dependents of an object (Name holds its uid).</summary>
    Collect,
}
