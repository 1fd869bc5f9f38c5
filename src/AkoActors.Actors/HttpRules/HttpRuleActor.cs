using Akka.Actor;
using AkoActors.Actors.Avi;
using AkoActors.Actors.RuleAdmission;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.HttpRules;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.CustomResources;
using AkoActors.Kubernetes.Writing;

namespace AkoActors.Actors.HttpRules;

/// <summary>One HTTPRule's admission (AKO's httprule.md): Rejected for a target given twice, both a PKI profile and a
/// destinationCA, a CA that is not a certificate, or a health monitor, persistence, SSL or PKI profile the controller lacks;
/// else Accepted. The shared VS actors apply the Accepted ones to the pools of the paths they cover.</summary>
public sealed class HttpRuleActor : RuleAdmissionActor
{
    private readonly HttpRuleKey _key;
    private readonly IClusterState _cluster;

    public HttpRuleActor(
        string entityId, IClusterState cluster, IAviObjectLookup avi, ICustomResourceStatusWriter status, IKubernetesWriter kube,
        ControllerRuntime runtime, RetryPolicy retry)
        : base(avi, status, kube, runtime, retry)
    {
        _key = EntityIds.HttpRule(entityId);
        _cluster = cluster;
        Receive<HttpRuleProtocol.Reconcile>(_ => Run());
        Receive<HttpRuleProtocol.Stop>(_ => Context.Stop(Self));
    }

    public static Props PropsFor(
        string entityId, IClusterState cluster, IAviObjectLookup avi, ICustomResourceStatusWriter status, IKubernetesWriter kube,
        ControllerRuntime runtime, RetryPolicy retry) =>
        Props.Create(() => new HttpRuleActor(entityId, cluster, avi, status, kube, runtime, retry));

    protected override CustomResourceType ResourceType => CustomResourceType.HttpRule;

    protected override string Describe => $"HTTPRule {_key}";

    protected override object StopMessage => HttpRuleProtocol.Stop.Instance;

    protected override IAdmittedResource? Current() => _cluster.GetHttpRules().FirstOrDefault(r => r.Key == _key);

    protected override string? ClusterProblem(IAdmittedResource resource) => HttpRuleValidation.ClusterProblem((HttpRuleSnapshot)resource);

    protected override IReadOnlyList<AviReferenceCheck> AviReferences(IAdmittedResource resource) =>
        HttpRuleValidation.AviReferences((HttpRuleSnapshot)resource);
}
