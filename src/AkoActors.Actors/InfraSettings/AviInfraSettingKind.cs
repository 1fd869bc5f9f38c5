using AkoActors.Actors.RuleResources;
using AkoActors.Domain.Avi;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes.CustomResources;

namespace AkoActors.Actors.InfraSettings;

/// <summary>AviInfraSetting admission (AKO's validator): Rejected for BGP peer labels without RHI, a VIP network CIDR that
/// does not parse, listeners none of which has SSL, an empty SE group name, a tier-1 router on a cloud that is not NSX-T, or
/// an SE group or network the controller lacks; else Accepted. The
/// tree owners apply only Accepted settings to the Services and Ingresses attached to them.</summary>
public sealed class AviInfraSettingKind : RuleResourceKind<AviInfraSettingSnapshot>
{
    public static AviInfraSettingKind Instance { get; } = new();

    public override CustomResourceType ResourceType => CustomResourceType.AviInfraSetting;

    public override string ShardTypeName => "aviinfrasetting";

    public override IReadOnlyList<AviInfraSettingSnapshot> All(IClusterState cluster) => cluster.GetAviInfraSettings();

    public override string EntityIdOf(AviInfraSettingSnapshot resource) => resource.Key.EntityId;

    public override string? ClusterProblem(AviInfraSettingSnapshot resource, IClusterState cluster) => AviInfraSettingValidation.ClusterProblem(resource);

    public override string? CloudProblem(AviInfraSettingSnapshot resource, AviCloudType? cloud) => AviInfraSettingValidation.CloudProblem(resource, cloud);

    public override IReadOnlyList<AviReferenceCheck> AviReferences(AviInfraSettingSnapshot resource) => AviInfraSettingValidation.AviReferences(resource);

    /// <summary>AKO's validator labels the setting's SE group <c>clustername=&lt;cluster&gt;</c> when it has no labels, so its
    /// Service Engines take this cluster's static routes.</summary>
    public override string? SeGroupToLabel(AviInfraSettingSnapshot resource) => resource.SeGroup;
}
