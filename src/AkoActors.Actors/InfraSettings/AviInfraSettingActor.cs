using Akka.Actor;
using AkoActors.Actors.Avi;
using AkoActors.Actors.RuleAdmission;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.CustomResources;
using AkoActors.Kubernetes.Writing;

namespace AkoActors.Actors.InfraSettings;

/// <summary>One AviInfraSetting's admission (AKO's validator): Rejected for BGP peer labels without RHI, a VIP network CIDR
/// that does not parse, listeners none of which has SSL, or an SE group or network the controller lacks; else Accepted.
/// The tree owners apply only Accepted settings to the Services and Ingresses attached to them.</summary>
public sealed class AviInfraSettingActor : RuleAdmissionActor
{
    private readonly AviInfraSettingKey _key;
    private readonly IClusterState _cluster;

    public AviInfraSettingActor(
        string entityId, IClusterState cluster, IAviObjectLookup avi, ICustomResourceStatusWriter status, IKubernetesWriter kube,
        ControllerRuntime runtime, RetryPolicy retry)
        : base(avi, status, kube, runtime, retry)
    {
        _key = EntityIds.AviInfraSetting(entityId);
        _cluster = cluster;
        Receive<AviInfraSettingProtocol.Reconcile>(_ => Run());
        Receive<AviInfraSettingProtocol.Stop>(_ => Context.Stop(Self));
    }

    protected override CustomResourceType ResourceType => CustomResourceType.AviInfraSetting;

    protected override string Describe => $"AviInfraSetting {_key}";

    protected override object StopMessage => AviInfraSettingProtocol.Stop.Instance;

    protected override IAdmittedResource? Current() => _cluster.GetAviInfraSettings().FirstOrDefault(s => s.Key == _key);

    protected override string? ClusterProblem(IAdmittedResource resource) =>
        AviInfraSettingValidation.ClusterProblem((AviInfraSettingSnapshot)resource);

    protected override IReadOnlyList<AviReferenceCheck> AviReferences(IAdmittedResource resource) =>
        AviInfraSettingValidation.AviReferences((AviInfraSettingSnapshot)resource);
}
