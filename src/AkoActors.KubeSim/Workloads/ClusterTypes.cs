using AkoActors.KubeSim.Resources;

namespace AkoActors.KubeSim.Workloads;

/// <summary>The resources the simulated controllers read and write.</summary>
public sealed class ClusterTypes
{
    /// <summary>Looks the resources up in a catalog.</summary>
    public ClusterTypes(ResourceCatalog catalog)
    {
        Deployments = catalog.FindByKind("apps/v1", "Deployment")!;
        ReplicaSets = catalog.FindByKind("apps/v1", "ReplicaSet")!;
        StatefulSets = catalog.FindByKind("apps/v1", "StatefulSet")!;
        ControllerRevisions = catalog.FindByKind("apps/v1", "ControllerRevision")!;
        DisruptionBudgets = catalog.FindByKind("policy/v1", "PodDisruptionBudget")!;
        Pods = catalog.FindByKind("v1", "Pod")!;
        Nodes = catalog.FindByKind("v1", "Node")!;
        Services = catalog.FindByKind("v1", "Service")!;
        Endpoints = catalog.FindByKind("v1", "Endpoints")!;
        EndpointSlices = catalog.FindByKind("discovery.k8s.io/v1", "EndpointSlice")!;
        Catalog = catalog;
    }

    /// <summary>The whole catalog.</summary>
    public ResourceCatalog Catalog { get; }

    /// <summary>apps/v1 deployments.</summary>
    public ResourceType Deployments { get; }

    /// <summary>apps/v1 replicasets.</summary>
    public ResourceType ReplicaSets { get; }

    /// <summary>apps/v1 statefulsets.</summary>
    public ResourceType StatefulSets { get; }

    /// <summary>apps/v1 controllerrevisions (a StatefulSet's template history).</summary>
    public ResourceType ControllerRevisions { get; }

    /// <summary>policy/v1 poddisruptionbudgets.</summary>
    public ResourceType DisruptionBudgets { get; }

    /// <summary>v1 pods.</summary>
    public ResourceType Pods { get; }

    /// <summary>v1 nodes.</summary>
    public ResourceType Nodes { get; }

    /// <summary>v1 services.</summary>
    public ResourceType Services { get; }

    /// <summary>v1 endpoints.</summary>
    public ResourceType Endpoints { get; }

    /// <summary>discovery.k8s.io/v1 endpointslices.</summary>
    public ResourceType EndpointSlices { get; }
}
