using AkoActors.Actors.RuleResources;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.HttpRules;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Actors.HttpRules;

/// <summary>HTTPRule admission (AKO's httprule.md): Rejected for a target given twice, both a PKI profile and a
/// destinationCA, a CA that is not a certificate, or a health monitor, persistence, SSL or PKI profile the controller
/// lacks; else Accepted. The shared VS actors apply the Accepted ones to the pools of the paths they cover.</summary>
public sealed class HttpRuleKind : RuleResourceKind<HttpRuleSnapshot>
{
    public static HttpRuleKind Instance { get; } = new();

    public override CustomResourceType ResourceType => CustomResourceType.HttpRule;

    public override string ShardTypeName => "httprule";

    public override IReadOnlyList<HttpRuleSnapshot> All(IClusterState cluster) => cluster.GetHttpRules();

    public override string EntityIdOf(HttpRuleSnapshot resource) => resource.Key.EntityId;

    public override string? ClusterProblem(HttpRuleSnapshot resource, IClusterState cluster) => HttpRuleValidation.ClusterProblem(resource);

    public override IReadOnlyList<AviReferenceCheck> AviReferences(HttpRuleSnapshot resource) => HttpRuleValidation.AviReferences(resource);
}
