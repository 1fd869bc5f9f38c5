using AkoActors.Actors.RuleResources;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Actors.HostRules;

/// <summary>HostRule admission (AKO's hostrule.md): Rejected for a duplicate fqdn (the older rule keeps it), an fqdnType
/// or aliases that do not fit, a missing certificate Secret, or an Avi object it names that the controller lacks; else
/// Accepted. The shared VS actors apply the Accepted ones to SNI children.</summary>
public sealed class HostRuleKind : RuleResourceKind<HostRuleSnapshot>
{
    public static HostRuleKind Instance { get; } = new();

    public override CustomResourceType ResourceType => CustomResourceType.HostRule;

    public override string ShardTypeName => "hostrule";

    public override IReadOnlyList<HostRuleSnapshot> All(IClusterState cluster) => cluster.GetHostRules();

    public override string EntityIdOf(HostRuleSnapshot resource) => resource.Key.EntityId;

    public override string? ClusterProblem(HostRuleSnapshot resource, IClusterState cluster) =>
        HostRuleValidation.ClusterProblem(resource, cluster.GetHostRules(), cluster);

    public override IReadOnlyList<AviReferenceCheck> AviReferences(HostRuleSnapshot resource) => HostRuleValidation.AviReferences(resource);
}
