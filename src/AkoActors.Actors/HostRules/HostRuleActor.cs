using Akka.Actor;
using AkoActors.Actors.Avi;
using AkoActors.Actors.RuleAdmission;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.HostRules;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.CustomResources;
using AkoActors.Kubernetes.Writing;

namespace AkoActors.Actors.HostRules;

/// <summary>One HostRule's admission (AKO's hostrule.md): Rejected for a duplicate fqdn (the older rule keeps it), an
/// fqdnType or aliases that do not fit, a missing certificate Secret, or an Avi object it names that the controller lacks;
/// else Accepted. The shared VS actors apply the Accepted ones to SNI children.</summary>
public sealed class HostRuleActor : RuleAdmissionActor
{
    private readonly HostRuleKey _key;
    private readonly IClusterState _cluster;

    public HostRuleActor(
        string entityId, IClusterState cluster, IAviObjectLookup avi, ICustomResourceStatusWriter status, IKubernetesWriter kube,
        ControllerRuntime runtime, RetryPolicy retry)
        : base(avi, status, kube, runtime, retry)
    {
        _key = EntityIds.HostRule(entityId);
        _cluster = cluster;
        Receive<HostRuleProtocol.Reconcile>(_ => Run());
        Receive<HostRuleProtocol.Stop>(_ => Context.Stop(Self));
    }

    public static Props PropsFor(
        string entityId, IClusterState cluster, IAviObjectLookup avi, ICustomResourceStatusWriter status, IKubernetesWriter kube,
        ControllerRuntime runtime, RetryPolicy retry) =>
        Props.Create(() => new HostRuleActor(entityId, cluster, avi, status, kube, runtime, retry));

    protected override CustomResourceType ResourceType => CustomResourceType.HostRule;

    protected override string Describe => $"HostRule {_key}";

    protected override object StopMessage => HostRuleProtocol.Stop.Instance;

    protected override IAdmittedResource? Current() => _cluster.GetHostRules().FirstOrDefault(r => r.Key == _key);

    protected override string? ClusterProblem(IAdmittedResource resource) =>
        HostRuleValidation.ClusterProblem((HostRuleSnapshot)resource, _cluster.GetHostRules(), _cluster);

    protected override IReadOnlyList<AviReferenceCheck> AviReferences(IAdmittedResource resource) =>
        HostRuleValidation.AviReferences((HostRuleSnapshot)resource);
}
