using AkoActors.Domain.Avi;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Actors.RuleResources;

/// <summary>What differs between rule kinds for their admission: which resource type, where the cache keeps them, and
/// what each rule is checked for. A new kind is one subclass of this plus its domain rules; actor, region, extractor and
/// registration are shared (<see cref="RuleResourceActor{TResource}"/>).</summary>
public abstract class RuleResourceKind<TResource>
    where TResource : class, IAdmittedResource
{
    public abstract CustomResourceType ResourceType { get; }

    /// <summary>The shard region's type name; fixed once released, since replicas of adjacent versions share it.</summary>
    public abstract string ShardTypeName { get; }

    /// <summary>Every resource of the kind in this replica's cache.</summary>
    public abstract IReadOnlyList<TResource> All(IClusterState cluster);

    public abstract string EntityIdOf(TResource resource);

    /// <summary>Why the resource is Rejected on cluster grounds alone, or null.</summary>
    public abstract string? ClusterProblem(TResource resource, IClusterState cluster);

    /// <summary>Why the resource is Rejected on the configured cloud's kind (read from the controller before any admission),
    /// or null; most kinds accept any cloud.</summary>
    public virtual string? CloudProblem(TResource resource, AviCloudType? cloud) => null;

    /// <summary>The Avi tenant in which the objects it names are looked up: by default the controller's.</summary>
    public virtual string TenantOf(TResource resource, IClusterState cluster, AkoSettings settings) => settings.TenantName;

    /// <summary>The Avi objects the resource names, each to be found on the controller.</summary>
    public abstract IReadOnlyList<AviReferenceCheck> AviReferences(TResource resource);

    /// <summary>The SE group to give AKO's <c>clustername</c> label once its references are found (AviInfraSetting's, for
    /// static routes); null for kinds that name none.</summary>
    public virtual string? SeGroupToLabel(TResource resource) => null;
}
