using Akka.Actor;
using Akka.Event;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.StatusWriting;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Services;

/// <summary>The single writer of one LoadBalancer Service's L4 tree (vsvip, pools, L4 policy set, VS) and of its status.</summary>
/// <remarks>The tree mechanics (read, plan, coalesce, retry, safe stop) are <see cref="AviTreeOwnerActor"/>'s; this actor
/// adds the L4 translation, the Service's load-balancer status and AKO's events.</remarks>
public sealed class ServiceActor : AviTreeOwnerActor
{
    private readonly ServiceKey _key;
    private readonly IClusterState _cluster;
    private readonly LoadBalancerStatusTracker _status = new();

    public ServiceActor(
        string entityId, IAviGateway avi, IClusterState cluster, IKubernetesWriter kube,
        ControllerRuntime runtime, ControllerMetrics metrics, RetryPolicy retry)
        : base("service", avi, kube, runtime, metrics, retry)
    {
        _key = EntityIds.Service(entityId);
        _cluster = cluster;

        Receive<ServiceProtocol.Reconcile>(_ => Trigger());
        Receive<ServiceProtocol.Resync>(_ => Reread());
        Receive<ServiceProtocol.Observed>(observed => Observe(observed.Objects));
        Receive<StatusPatched>(OnStatusPatched);
        Receive<ServiceProtocol.Stop>(_ => RequestStop());
    }

    protected override string Describe => $"Service {_key}";

    protected override string FairnessKey => _key.Namespace;

    /// <summary>The actor's props; the host builds them through DI, tests directly.</summary>
    public static Props PropsFor(
        string entityId, IAviGateway avi, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics,
        RetryPolicy retry) =>
        Props.Create(() => new ServiceActor(entityId, avi, cluster, kube, runtime, metrics, retry));

    protected override TreeTranslation Translate(TranslationContext context) =>
        L4ServiceTranslator.Translate(
            _cluster.GetService(_key),
            _cluster.GetEndpointSlices(_key),
            Runtime.Settings.ServiceType == PoolServerMode.NodePort ? _cluster.GetNodes() : [],
            _cluster.GetNamespace(_key.Namespace),
            context);

    /// <summary>The objects this Service has whatever its ports: vsvip, VS and L4 policy set share the VS name.</summary>
    protected override IEnumerable<AviRef> BaseRefs(TranslationContext context)
    {
        var name = context.Names.L4VirtualService(_key);
        yield return new AviRef(AviObjectTypes.VsVip, name);
        yield return new AviRef(AviObjectTypes.L4PolicySet, name);
        yield return new AviRef(AviObjectTypes.VirtualService, name);
    }

    /// <summary>Brings the status in line with the VIP, and leaves when there is nothing left to own.</summary>
    protected override void OnConverged(TreeTranslation translation)
    {
        var service = _cluster.GetService(_key);
        var handled = translation.Outcome == TranslationOutcome.Desired;
        var vipName = Runtime.Context!.Names.L4VirtualService(_key);
        var status = handled && Actual.GetValueOrDefault(new AviRef(AviObjectTypes.VsVip, vipName))?.Spec is VsVipSpec vip &&
                     L4ServiceTranslator.StatusOf(vip) is { } entry
            ? new[] { entry }
            : [];
        if (service is null || service.IsDeleting) _status.Forget();
        else UpdateStatus(service, status);

        if (!handled && !OwnsAnything && !IsBusy && !_status.IsPending)
        {
            // Nothing left to own: leave, so remember-entities forgets this Service until it matters again.
            Passivate(ServiceProtocol.Stop.Instance);
        }
    }

    protected override void Report(IReadOnlyList<UserProblem> problems, bool refused)
    {
        foreach (var problem in problems)
        {
            Log.Warning("Service {0}: {1}{2}", _key, problem.Message, refused ? " (nothing changed on the controller)" : string.Empty);
            Record(Target, KubeEvent.WarningEvent(problem.Reason, problem.Message));
        }
    }

    protected override void ReportFailure(string reason, string message)
    {
        Log.Warning("Service {0}: {1}", _key, message);
        Record(Target, KubeEvent.WarningEvent(reason, message));
    }

    /// <summary>Normal events when the VS appears or goes, as AKO records them.</summary>
    protected override void OnVirtualServiceChanged(AviOperation operation)
    {
        if (operation is CreateOperation) Record(Target, KubeEvent.NormalEvent("Synced", $"Added virtualservice {operation.Target.Name} for {_key}"));
        else Record(Target, KubeEvent.NormalEvent("Removed", $"Removed virtualservice {operation.Target.Name} for {_key}"));
    }

    private KubeObjectRef Target => KubeObjectRef.Service(_key, _cluster.GetService(_key)?.Uid);

    private void UpdateStatus(ServiceSnapshot service, LoadBalancerIngressStatus[] desired)
    {
        if (!_status.NeedsPatch(service.Status, desired)) return;
        Kube.PatchLoadBalancerStatusAsync(KubeObjectRef.Service(_key, service.Uid), desired, CancellationToken.None)
            .PipeTo(Self, success: () => new StatusPatched(null), failure: exception => new StatusPatched(exception));
    }

    private void OnStatusPatched(StatusPatched patched)
    {
        Metrics.StatusWritten(Kind, patched.Error is null);
        if (patched.Error is null)
        {
            Log.Info("Service {0}: status set to [{1}]", _key, string.Join(", ", _status.Sent?.Select(s => s.Ip) ?? []));
            return;
        }
        _status.Forget();
        var delay = Retry.Exponential(2);
        Log.Warning("Service {0}: writing its status failed ({1}); retrying in {2}", _key, patched.Error.Message, delay);
        Timers.StartSingleTimer("status-retry", new ServiceProtocol.Reconcile(_key), delay);
    }

    private sealed record StatusPatched(Exception? Error) : INoSerializationVerificationNeeded;
}
