using Akka.Actor;
using Akka.Event;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.StatusWriting;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
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
    private readonly Dictionary<ServiceKey, LoadBalancerStatusTracker> _statuses = [];
    private readonly Dictionary<ServiceKey, AkoAnnotationsTracker> _annotations = [];
    private IReadOnlyList<SharedVipMember> _sharedVipServed = [];

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
        Receive<AnnotationsPatched>(OnAnnotationsPatched);
        Receive<ServiceProtocol.Stop>(_ => RequestStop());
    }

    protected override string Describe => $"Service {_key}";

    protected override string FairnessKey => _key.Namespace;

    /// <summary>The actor's props; the host builds them through DI, tests directly.</summary>
    public static Props PropsFor(
        string entityId, IAviGateway avi, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics,
        RetryPolicy retry) =>
        Props.Create(() => new ServiceActor(entityId, avi, cluster, kube, runtime, metrics, retry));

    protected override TreeTranslation Translate(TranslationContext context)
    {
        if (_key.SharedVipKey is null) return TranslateService(context);
        var translated = SharedVipTranslator.Translate(_key, SharedVipTranslator.Members(_key, _cluster, Runtime.Settings), _cluster.GetEndpointSlices,
            Runtime.Settings.ServiceType == PoolServerMode.NodePort ? _cluster.GetNodes() : [], context);
        _sharedVipServed = translated.Served;
        return translated.Tree;
    }

    private TreeTranslation TranslateService(TranslationContext context) =>
        L4ServiceTranslator.Translate(
            _cluster.GetService(_key),
            _cluster.GetEndpointSlices(_key),
            Runtime.Settings.ServiceType == PoolServerMode.NodePort ? _cluster.GetNodes() : [],
            _cluster.GetNamespace(_key.Namespace),
            context);

    /// <summary>The objects this Service has whatever its ports: vsvip, VS and L4 policy set share the VS name.</summary>
    protected override IEnumerable<AviRef> BaseRefs(TranslationContext context)
    {
        var name = VirtualServiceName(context);
        yield return new AviRef(AviObjectTypes.VsVip, name);
        yield return new AviRef(AviObjectTypes.L4PolicySet, name);
        yield return new AviRef(AviObjectTypes.VirtualService, name);
    }

    /// <summary>The VS, vsvip and policy set name: the Service's, or the shared-VIP group's.</summary>
    private string VirtualServiceName(TranslationContext context) =>
        _key.SharedVipKey is null ? context.Names.L4VirtualService(_key) : SharedVipTranslator.VirtualServiceName(_key, context.Names);

    /// <summary>Brings the status in line with the VIP (every member's, for a shared-VIP group), and leaves when there is
    /// nothing left to own.</summary>
    protected override void OnConverged(TreeTranslation translation)
    {
        var handled = translation.Outcome == TranslationOutcome.Desired;
        var vipName = VirtualServiceName(Runtime.Context!);
        var vip = handled ? Own(new AviRef(AviObjectTypes.VsVip, vipName))?.Spec as VsVipSpec : null;
        var vsUuid = handled ? Own(new AviRef(AviObjectTypes.VirtualService, vipName))?.Uuid : null;
        if (_key.SharedVipKey is null)
        {
            var service = _cluster.GetService(_key);
            if (service is not null && L4ServiceTranslator.SharedVipKeyOf(service) is { } group &&
                L4ServiceTranslator.IsHandled(service, _cluster.GetNamespace(_key.Namespace), Runtime.Settings))
            {
                // Served on the shared VIP: the group's owner writes this Service's status and annotations.
                Forget(_key);
            }
            else
            {
                var status = L4ServiceTranslator.StatusOf(vip) is { } entry ? new[] { entry } : [];
                Settle(_key, service, status, vsUuid);
            }
        }
        else
        {
            var served = handled ? _sharedVipServed : [];
            // A member that left is its own owner's again (or gone): nothing of it is tracked here any more.
            foreach (var left in _statuses.Keys.Concat(_annotations.Keys).Except(served.Select(m => m.Service)).ToList()) Forget(left);
            foreach (var member in served)
            {
                var status = vip?.AllocatedIp is { } ip ? new[] { new LoadBalancerIngressStatus(ip, member.Fqdn) } : [];
                Settle(member.Service, _cluster.GetService(member.Service), status, vsUuid);
            }
        }

        if (!handled && !OwnsAnything && !IsBusy && !_statuses.Values.Any(s => s.IsPending) && !_annotations.Values.Any(a => a.IsPending))
        {
            // Nothing left to own: leave, so remember-entities forgets this Service until it matters again.
            Passivate(ServiceProtocol.Stop.Instance);
        }
    }

    /// <summary>Only objects whose markers name this Service (or, as AKO marks vsvips, no Kubernetes object at all).</summary>
    protected override bool IsOwnClaim(AviClaim claim, AviObjectSpec spec) =>
        claim.Kind == AviClaimKind.None || claim == AviClaim.ForService(_key);

    /// <summary>AKO's names collide (<c>a-b/c</c> and <c>a/b-c</c> are both <c>&lt;cluster&gt;--a-b-c</c>; an SNI child of host
    /// <c>col-web</c> is named like Service <c>col/web</c>'s VS). The object that holds the name keeps it, untouched: this
    /// Service yields (removes whatever of its own it made, gets no VIP and a NameCollision Warning) — unless every holder is
    /// a newer Service that raced it to the controller, which yields in turn; then this one writes nothing and looks again.</summary>
    protected override TreeTranslation? OnNameCollision(TreeTranslation translation, IReadOnlyList<AviObjectState> foreign, TranslationContext context)
    {
        var mine = _cluster.GetService(_key);
        // Objects that claim nobody (AKO-style vsvips) are foreign only through the claimed object that uses them.
        var holders = foreign.Select(f => (f, Claim: AviClaim.Of(f.Spec), Ours: context.Ownership.Owns(f.Spec)))
            .OrderBy(h => h.Claim.Kind == AviClaimKind.None ? 1 : 0)
            .ToList();
        var claimed = holders.Where(h => !h.Ours || h.Claim.Kind != AviClaimKind.None).ToList();
        if (mine is not null && claimed.Count > 0 &&
            claimed.All(h => h.Ours && h.Claim.Service is { } other && _cluster.GetService(other) is { } theirs && theirs.IsNewerThan(mine)))
        {
            Log.Info("Service {Service}: {Holders} also hold(s) names of its Avi objects; they are newer and yield, so this Service waits", _key,
                string.Join(", ", holders.Select(h => h.Claim).Distinct()));
            return null;
        }
        var first = holders[0];
        var holder = first.Ours ? first.Claim.ToString() : $"an object this cluster did not create (created_by {first.f.Spec.Meta.CreatedBy ?? "none"})";
        var names = string.Join(", ", foreign.Select(f => f.Ref.ToString()).Distinct());
        var problem = new UserProblem("NameCollision",
            $"Service {_key} would use the Avi name(s) {names}, which the controller already holds for {holder}. AKO's naming " +
            $"(<cluster>--<namespace>-<name>, <cluster>--<host>) gives both the same name; {holder} keeps it untouched. " +
            "Rename this Service or move it to another namespace; until then it gets no VIP");
        return translation with { Desired = EquatableArray<AviObjectSpec>.Empty, Problems = translation.Problems.Append(problem).ToEquatableArray() };
    }

    protected override void Report(IReadOnlyList<UserProblem> problems, bool refused)
    {
        foreach (var problem in problems)
        {
            Log.Warning("Service {0}: {1}{2}", _key, problem.Message, refused ? " (nothing changed on the controller)" : string.Empty);
            foreach (var target in Targets) Record(target, KubeEvent.WarningEvent(problem.Reason, problem.Message));
        }
    }

    protected override void ReportFailure(string reason, string message)
    {
        Log.Warning("Service {0}: {1}", _key, message);
        foreach (var target in Targets) Record(target, KubeEvent.WarningEvent(reason, message));
    }

    /// <summary>Normal events when the VS appears or goes, as AKO records them.</summary>
    protected override void OnVirtualServiceChanged(AviOperation operation)
    {
        foreach (var target in Targets)
        {
            if (operation is CreateOperation) Record(target, KubeEvent.NormalEvent("Synced", $"Added virtualservice {operation.Target.Name} for {target.Namespace}/{target.Name}"));
            else Record(target, KubeEvent.NormalEvent("Removed", $"Removed virtualservice {operation.Target.Name} for {target.Namespace}/{target.Name}"));
        }
    }

    private KubeObjectRef Target => KubeObjectRef.Service(_key, _cluster.GetService(_key)?.Uid);

    /// <summary>Where events go: the Service, or every member of the shared-VIP group (the group has no object of its own).</summary>
    private IEnumerable<KubeObjectRef> Targets => _key.SharedVipKey is null
        ? [Target]
        : SharedVipTranslator.Members(_key, _cluster, Runtime.Settings).Select(m => KubeObjectRef.Service(m.Key, m.Uid));

    private void Settle(ServiceKey key, ServiceSnapshot? service, LoadBalancerIngressStatus[] status, string? vsUuid)
    {
        if (service is null || service.IsDeleting)
        {
            Forget(key);
            return;
        }
        UpdateStatus(service, status);
        UpdateAkoAnnotations(service, status.FirstOrDefault()?.Hostname, vsUuid);
    }

    private void Forget(ServiceKey service)
    {
        _statuses.Remove(service);
        _annotations.Remove(service);
    }

    private void UpdateStatus(ServiceSnapshot service, LoadBalancerIngressStatus[] desired)
    {
        if (!_statuses.TryGetValue(service.Key, out var tracker)) _statuses[service.Key] = tracker = new LoadBalancerStatusTracker();
        if (!tracker.NeedsPatch(service.Status, desired)) return;
        Kube.PatchLoadBalancerStatusAsync(KubeObjectRef.Service(service.Key, service.Uid), desired, CancellationToken.None)
            .PipeTo(Self, success: () => new StatusPatched(service.Key, null), failure: exception => new StatusPatched(service.Key, exception));
    }

    private void OnStatusPatched(StatusPatched patched)
    {
        Metrics.StatusWritten(Kind, patched.Error is null);
        var tracker = _statuses.GetValueOrDefault(patched.Service);
        if (patched.Error is null)
        {
            Log.Info("Service {0}: status set to [{1}]", patched.Service, string.Join(", ", tracker?.Sent?.Select(s => s.Ip) ?? []));
            return;
        }
        tracker?.Forget();
        var delay = Retry.Exponential(2);
        Log.Warning("Service {0}: writing its status failed ({1}); retrying in {2}", _key, patched.Error.Message, delay);
        Timers.StartSingleTimer("status-retry", new ServiceProtocol.Reconcile(_key), delay);
    }

    /// <summary>AKO's <c>ako.vmware.com/*</c> annotations, which AMKO reads: the Service's automatic FQDN → its VS uuid while
    /// the VS exists; removed once it is gone. As AKO, a served Service without an FQDN keeps whatever it has.</summary>
    private void UpdateAkoAnnotations(ServiceSnapshot service, string? hostname, string? vsUuid)
    {
        var context = Runtime.Context!;
        EquatableArray<HostVirtualService> hosts;
        if (vsUuid is null) hosts = EquatableArray<HostVirtualService>.Empty;
        else if (hostname is null) return;
        else hosts = new[] { new HostVirtualService(hostname, vsUuid) }.ToEquatableArray();
        var desired = new AkoVsAnnotations(hosts, context.ControllerClusterUuid ?? string.Empty, Runtime.Settings.TenantName);
        if (!_annotations.TryGetValue(service.Key, out var tracker)) _annotations[service.Key] = tracker = new AkoAnnotationsTracker();
        if (!tracker.NeedsPatch(service.Annotations, desired)) return;
        Kube.PatchAkoAnnotationsAsync(KubeObjectRef.Service(service.Key, service.Uid), desired, CancellationToken.None)
            .PipeTo(Self, success: () => new AnnotationsPatched(service.Key, null), failure: exception => new AnnotationsPatched(service.Key, exception));
    }

    private void OnAnnotationsPatched(AnnotationsPatched patched)
    {
        if (patched.Error is null) return;
        _annotations.GetValueOrDefault(patched.Service)?.Forget();
        var delay = Retry.Exponential(2);
        Log.Warning("Service {Service}: writing AKO's VS annotations failed ({Reason}); retrying in {Delay}", _key, patched.Error.Message, delay);
        Timers.StartSingleTimer("annotations-retry", new ServiceProtocol.Reconcile(_key), delay);
    }

    private sealed record StatusPatched(ServiceKey Service, Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record AnnotationsPatched(ServiceKey Service, Exception? Error) : INoSerializationVerificationNeeded;
}
