using AkoActors.Actors.Avi;
using AkoActors.Actors.RuleAdmission;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.CustomResources;
using AkoActors.Kubernetes.Writing;

namespace AkoActors.Actors.RuleResources;

/// <summary>One rule resource's admission, for any kind: the single writer of its status, deciding it with what its
/// <see cref="RuleResourceKind{TResource}"/> checks. The actors owning Avi trees apply only the Accepted ones.</summary>
public sealed class RuleResourceActor<TResource> : RuleAdmissionActor
    where TResource : class, IAdmittedResource
{
    private readonly string _entityId;
    private readonly RuleResourceKind<TResource> _kind;
    private readonly IClusterState _cluster;

    public RuleResourceActor(
        string entityId, RuleResourceKind<TResource> kind, IClusterState cluster, IAviObjectLookup avi, ICustomResourceStatusWriter status,
        IKubernetesWriter kube, ControllerRuntime runtime, RetryPolicy retry)
        : base(avi, status, kube, runtime, retry)
    {
        _entityId = entityId;
        _kind = kind;
        _cluster = cluster;
        Describe = $"{kind.ResourceType.Kind} {entityId[(entityId.IndexOf('/', StringComparison.Ordinal) + 1)..]}";
        Receive<RuleResourceProtocol.IRuleResourceMessage>(_ => Run());
        Receive<RuleResourceProtocol.Stop>(_ => Context.Stop(Self));
    }

    protected override CustomResourceType ResourceType => _kind.ResourceType;

    protected override string Describe { get; }

    protected override object StopMessage => RuleResourceProtocol.Stop.Instance;

    protected override IAdmittedResource? Current() => _kind.All(_cluster).FirstOrDefault(r => _kind.EntityIdOf(r) == _entityId);

    protected override string? ClusterProblem(IAdmittedResource resource) =>
        _kind.ClusterProblem((TResource)resource, _cluster) ?? _kind.CloudProblem((TResource)resource, Runtime.Context?.CloudType);

    protected override string TenantOf(IAdmittedResource resource) => _kind.TenantOf((TResource)resource, _cluster, Runtime.Settings);

    protected override IReadOnlyList<AviReferenceCheck> AviReferences(IAdmittedResource resource) => _kind.AviReferences((TResource)resource);

    protected override string? SeGroupToLabel(IAdmittedResource resource) => _kind.SeGroupToLabel((TResource)resource);
}
