using AkoActors.Actors.RuleResources;
using AkoActors.Domain.Avi;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.L4Rules;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Tenancy;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Actors.L4Rules;

/// <summary>L4Rule admission (AKO's l4rule.md): Rejected for a pool given twice, SSL fields without AKO's SSL conditions, revokeVipRoute off NSX-T, or an
/// Avi object it names (profiles, policies, datascripts, health monitors, persistence, SSL/PKI, certificates) that the
/// controller lacks; else Accepted. The Service
/// owners apply the Accepted ones to the L4 trees of the Services naming them.</summary>
public sealed class L4RuleKind : RuleResourceKind<L4RuleSnapshot>
{
    public static L4RuleKind Instance { get; } = new();

    public override CustomResourceType ResourceType => CustomResourceType.L4Rule;

    public override string ShardTypeName => "l4rule";

    public override IReadOnlyList<L4RuleSnapshot> All(IClusterState cluster) => cluster.GetL4Rules();

    public override string EntityIdOf(L4RuleSnapshot resource) => resource.Key.EntityId;

    public override string? ClusterProblem(L4RuleSnapshot resource, IClusterState cluster) => L4RuleValidation.ClusterProblem(resource);

    public override string? CloudProblem(L4RuleSnapshot resource, AviCloudType? cloud) => L4RuleValidation.CloudProblem(resource, cloud);

    /// <summary>The tenant of the namespace: its Services' trees live there (<c>ako.vmware.com/tenant-name</c>), so the objects
    /// they will refer to must be visible there.</summary>
    public override string TenantOf(L4RuleSnapshot resource, IClusterState cluster, AkoSettings settings) =>
        TenantPlacement.TenantOf(cluster.GetNamespace(resource.Key.Namespace), settings);

    public override IReadOnlyList<AviReferenceCheck> AviReferences(L4RuleSnapshot resource) => L4RuleValidation.AviReferences(resource);
}
