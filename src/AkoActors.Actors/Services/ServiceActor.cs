using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Services;

/// <summary>The single writer of one LoadBalancer Service's L4 tree (vsvip, pools, L4 policy set, VS) and of its status.</summary>
/// <remarks>
/// Level-triggered: every message means "look again"; the actor reads the Service from this replica's informer cache,
/// translates it, diffs against the tree it last read or wrote, and runs only the calls the diff needs (none when
/// nothing changed). One plan runs at a time; changes arriving meanwhile coalesce into one more pass with the newest
/// state, and retries always recompute from the newest state, never replay a failed request.
/// </remarks>
public sealed class ServiceActor : ReceiveActor, IWithTimers
{
    private const string Kind = "service";
    private const string RetryTimer = "retry";

    private readonly ServiceKey _key;
    private readonly IAviGateway _avi;
    private readonly IClusterState _cluster;
    private readonly IKubernetesWriter _kube;
    private readonly ControllerRuntime _runtime;
    private readonly ControllerMetrics _metrics;
    private readonly RetryPolicy _retry;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private readonly Dictionary<AviRef, AviObjectState> _actual = [];
    private readonly HashSet<AviRef> _toRead = [];
    private bool _loaded;
    private bool _busy;
    private bool _dirty;
    private volatile bool _stopRequested;
    private int _failures;
    private TreeTranslation? _blocked;
    private DateTimeOffset? _changedSince;
    private PendingStatus? _pendingStatus;
    private IReadOnlyList<UserProblem> _reported = [];

    public ServiceActor(
        string entityId, IAviGateway avi, IClusterState cluster, IKubernetesWriter kube,
        ControllerRuntime runtime, ControllerMetrics metrics, RetryPolicy retry)
    {
        _key = EntityIds.Service(entityId);
        _avi = avi;
        _cluster = cluster;
        _kube = kube;
        _runtime = runtime;
        _metrics = metrics;
        _retry = retry;

        Receive<ServiceProtocol.Reconcile>(_ => Trigger());
        Receive<ServiceProtocol.Resync>(_ =>
        {
            _loaded = false;
            Trigger();
        });
        Receive<ServiceProtocol.Observed>(OnObserved);
        Receive<RetryTick>(_ => Trigger());
        Receive<TreeRead>(OnTreeRead);
        Receive<ReadFailed>(OnReadFailed);
        Receive<PlanFinished>(OnPlanFinished);
        Receive<StatusPatched>(OnStatusPatched);
        Receive<ServiceProtocol.Stop>(_ =>
        {
            if (_busy) _stopRequested = true;
            else Context.Stop(Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The actor's props; the host builds them through DI, tests directly.</summary>
    public static Props PropsFor(
        string entityId, IAviGateway avi, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics,
        RetryPolicy retry) =>
        Props.Create(() => new ServiceActor(entityId, avi, cluster, kube, runtime, metrics, retry));

    protected override void PreStart()
    {
        _metrics.EntityStarted(Kind);
        // Started by a message, by remember-entities after a rebalance, or after a crash: in every case look at once.
        Self.Tell(new ServiceProtocol.Reconcile(_key));
    }

    protected override void PostStop() => _metrics.EntityStopped(Kind);

    private void Trigger()
    {
        _changedSince ??= DateTimeOffset.UtcNow;
        if (_busy)
        {
            _dirty = true;
            return;
        }
        Run();
    }

    private void Run()
    {
        _dirty = false;
        if (!_runtime.IsReady)
        {
            Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, TimeSpan.FromSeconds(1));
            return;
        }
        var context = _runtime.Context!;
        var translation = Translate(context);
        if (!_loaded)
        {
            _toRead.UnionWith(BaseRefs(context));
            _toRead.UnionWith(translation.Desired.Select(d => d.Ref));
            _toRead.UnionWith(_actual.Keys);
        }
        if (_toRead.Count > 0)
        {
            Read();
            return;
        }
        Plan(translation, context);
    }

    private TreeTranslation Translate(TranslationContext context)
    {
        if (_runtime.DeleteConfig) return TreeTranslation.NotHandled;
        var service = _cluster.GetService(_key);
        return L4ServiceTranslator.Translate(
            service,
            _cluster.GetEndpointSlices(_key),
            _runtime.Settings.ServiceType == Domain.Settings.PoolServerMode.NodePort ? _cluster.GetNodes() : [],
            _cluster.GetNamespace(_key.Namespace),
            context);
    }

    /// <summary>The objects this Service has whatever its ports: vsvip, VS and L4 policy set share the VS name.</summary>
    private IEnumerable<AviRef> BaseRefs(TranslationContext context)
    {
        var name = context.Names.L4VirtualService(_key);
        yield return new AviRef(AviObjectTypes.VsVip, name);
        yield return new AviRef(AviObjectTypes.L4PolicySet, name);
        yield return new AviRef(AviObjectTypes.VirtualService, name);
    }

    private void Read()
    {
        _busy = true;
        var refs = _toRead.ToList();
        _toRead.Clear();
        _avi.ReadAsync(refs, _runtime.CallContext(_key.Namespace), CancellationToken.None).PipeTo(
            Self,
            success: states => new TreeRead(refs, states),
            failure: exception => new ReadFailed(refs, exception is AviApiException api ? api.Error : AviErrorClassifier.Unreachable(exception)));
    }

    /// <summary>Compares a sweep's stamps with what this entity knows; only objects that differ are read again.</summary>
    private void OnObserved(ServiceProtocol.Observed observed)
    {
        var seen = observed.Objects.ToDictionary(o => o.Ref, o => o.LastModified);
        var drifted = seen.Where(o => !_actual.TryGetValue(o.Key, out var known) || known.LastModified != o.Value).Select(o => o.Key).ToList();
        if (_loaded)
        {
            // Objects this entity owns that the sweep did not find were deleted behind its back.
            drifted.AddRange(_actual.Values
                .Where(s => _runtime.Context?.Ownership.Owns(s.Spec) == true && !seen.ContainsKey(s.Ref))
                .Select(s => s.Ref));
        }
        if (drifted.Count == 0 && _loaded) return;
        _log.Info("Service {0}: the controller's copy of {1} differs from what this entity last saw; reading it again", _key, string.Join(", ", drifted));
        _toRead.UnionWith(drifted);
        Trigger();
    }

    private void OnTreeRead(TreeRead read)
    {
        _busy = false;
        foreach (var reference in read.Refs) _actual.Remove(reference);
        foreach (var state in read.States) _actual[state.Ref] = state;
        // Follow references down the tree (VS → L4 policy set → pools), so objects of ports that no longer exist are found too.
        var asked = read.Refs.ToHashSet();
        _toRead.UnionWith(read.States.SelectMany(s => s.Spec.References).Where(r => !_actual.ContainsKey(r) && !asked.Contains(r)));
        _loaded = true;
        if (_stopRequested)
        {
            Context.Stop(Self);
            return;
        }
        Run();
    }

    private void OnReadFailed(ReadFailed failed)
    {
        _busy = false;
        // A failed read never leads to a deletion: nothing is planned until the tree has been read.
        _toRead.UnionWith(failed.Refs);
        _failures++;
        var delay = _retry.DelayAfter(failed.Error, _failures) ?? _retry.Exponential(_failures);
        _log.Warning("Reading the Avi tree of Service {0} failed: {1}; retrying in {2}", _key, failed.Error, delay);
        _metrics.Reconciled(Kind, "read-failed", TimeSpan.Zero);
        if (_stopRequested) Context.Stop(Self);
        else Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, delay);
    }

    private void Plan(TreeTranslation translation, TranslationContext context)
    {
        Report(translation.Problems, translation.Outcome == TranslationOutcome.Refused);
        if (translation.Outcome == TranslationOutcome.Refused)
        {
            Finish(translation, "refused");
            return;
        }
        if (_blocked is not null && _blocked.Desired == translation.Desired)
        {
            // The controller refused exactly this tree before; trying again would only be refused again.
            Finish(translation, "blocked");
            return;
        }
        var owned = _actual.Values.Where(s => context.Ownership.Owns(s.Spec)).ToList();
        var plan = AviTreeDiff.Plan(translation.Desired, owned);
        if (plan.IsEmpty)
        {
            Converged(translation);
            return;
        }
        _busy = true;
        _log.Info("Service {0}: applying {1} Avi operation(s): {2}", _key, plan.OperationCount, plan);
        AviPlanRunner.RunAsync(plan, _avi, _runtime.CallContext(_key.Namespace), () => _stopRequested)
            .PipeTo(Self, success: outcome => new PlanFinished(translation, outcome));
    }

    private void OnPlanFinished(PlanFinished finished)
    {
        _busy = false;
        var outcome = finished.Outcome;
        foreach (var (operation, state) in outcome.Applied)
        {
            if (state is null) _actual.Remove(operation.Target);
            else _actual[operation.Target] = state;
        }
        AnnounceVirtualService(outcome);
        if (outcome.Failure is not { } error)
        {
            _failures = 0;
            _blocked = null;
            Converged(finished.Translation);
            return;
        }

        _failures++;
        var target = outcome.FailedOperation?.Target;
        if (error.Kind is AviErrorKind.Stale or AviErrorKind.NotFound && target is not null) _toRead.Add(target);
        var delay = _retry.DelayAfter(error, _failures);
        switch (error.Kind)
        {
            case AviErrorKind.Rejected or AviErrorKind.NameConflict:
                _blocked = finished.Translation;
                Warn(error.Kind == AviErrorKind.NameConflict ? "NameConflict" : "AviRejected",
                    $"The Avi Controller refused {outcome.FailedOperation}: {error.Message}");
                break;
            case AviErrorKind.NoFreeIps:
                Warn("NoFreeIPs", $"The Avi Controller has no free VIP for Service {_key}: {error.Message}. Retrying every {delay?.TotalMinutes:0} minutes");
                break;
            default:
                _log.Warning("Service {0}: {1} failed: {2}; retrying in {3}", _key, outcome.FailedOperation, error, delay);
                break;
        }
        _metrics.Reconciled(Kind, "failed", TimeSpan.Zero);
        if (_stopRequested)
        {
            Context.Stop(Self);
            return;
        }
        if (delay is { } wait) Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, wait);
        else if (_dirty) Run();
    }

    /// <summary>The tree matches what is wanted: bring the status in line, count the latency, and leave when nothing is left to own.</summary>
    private void Converged(TreeTranslation translation)
    {
        var service = _cluster.GetService(_key);
        var handled = translation.Outcome == TranslationOutcome.Desired;
        var vipName = _runtime.Context!.Names.L4VirtualService(_key);
        var status = handled && _actual.GetValueOrDefault(new AviRef(AviObjectTypes.VsVip, vipName))?.Spec is VsVipSpec vip &&
                     L4ServiceTranslator.StatusOf(vip) is { } entry
            ? new[] { entry }
            : [];
        if (service is null || service.IsDeleting) _pendingStatus = null;
        else UpdateStatus(service, status);
        Finish(translation, "converged");

        if (!handled && !_actual.Values.Any(s => _runtime.Context!.Ownership.Owns(s.Spec)) && !_busy && _pendingStatus is null)
        {
            // Nothing left to own: leave, so remember-entities forgets this Service until it matters again.
            Context.Parent.Tell(new Passivate(ServiceProtocol.Stop.Instance));
        }
    }

    private void Finish(TreeTranslation translation, string result)
    {
        if (_changedSince is { } since && result == "converged")
        {
            _metrics.Reconciled(Kind, result, DateTimeOffset.UtcNow - since);
        }
        else
        {
            _metrics.Reconciled(Kind, result, TimeSpan.Zero);
        }
        _changedSince = null;
        if (_stopRequested)
        {
            Context.Stop(Self);
            return;
        }
        if (_dirty && !_busy) Run();
    }

    private void UpdateStatus(ServiceSnapshot service, LoadBalancerIngressStatus[] desired)
    {
        var observed = service.Status.ToList();
        if (_pendingStatus is { } pending)
        {
            // Our own patch may not have come back through the watch yet; wait for it unless someone else wrote since.
            if (observed.SequenceEqual(pending.Desired) || !observed.SequenceEqual(pending.ObservedBefore)) _pendingStatus = null;
            else return;
        }
        if (observed.SequenceEqual(desired)) return;
        _pendingStatus = new PendingStatus(desired, observed);
        _kube.PatchLoadBalancerStatusAsync(KubeObjectRef.Service(_key, service.Uid), desired, CancellationToken.None)
            .PipeTo(Self, success: () => new StatusPatched(null), failure: exception => new StatusPatched(exception));
    }

    private void OnStatusPatched(StatusPatched patched)
    {
        _metrics.StatusWritten(Kind, patched.Error is null);
        if (patched.Error is null)
        {
            _log.Info("Service {0}: status set to [{1}]", _key, string.Join(", ", _pendingStatus?.Desired.Select(s => s.Ip) ?? []));
            return;
        }
        _pendingStatus = null;
        _failures++;
        var delay = _retry.Exponential(_failures);
        _log.Warning("Service {0}: writing its status failed ({1}); retrying in {2}", _key, patched.Error.Message, delay);
        Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, delay);
    }

    /// <summary>Normal events when the VS appears or goes, as AKO records them.</summary>
    private void AnnounceVirtualService(PlanOutcome outcome)
    {
        foreach (var (operation, _) in outcome.Applied.Where(a => a.Operation.Target.Type == AviObjectTypes.VirtualService))
        {
            if (operation is CreateOperation) Record(KubeEvent.NormalEvent("Synced", $"Added virtualservice {operation.Target.Name} for {_key}"));
            else if (operation is DeleteOperation) Record(KubeEvent.NormalEvent("Removed", $"Removed virtualservice {operation.Target.Name} for {_key}"));
        }
    }

    /// <summary>Warnings for problems the user must fix; the same set is not reported twice in a row.</summary>
    private void Report(IReadOnlyList<UserProblem> problems, bool refused)
    {
        if (problems.SequenceEqual(_reported)) return;
        _reported = problems.ToList();
        foreach (var problem in problems)
        {
            _log.Warning("Service {0}: {1}{2}", _key, problem.Message, refused ? " (nothing changed on the controller)" : string.Empty);
            Record(KubeEvent.WarningEvent(problem.Reason, problem.Message));
        }
    }

    private void Warn(string reason, string message)
    {
        _log.Warning("Service {0}: {1}", _key, message);
        Record(KubeEvent.WarningEvent(reason, message));
    }

    private void Record(KubeEvent kubeEvent)
    {
        var uid = _cluster.GetService(_key)?.Uid;
        // Events are best effort; the writer logs its own failures and a lost event must not fail the reconcile.
        _ = _kube.RecordEventAsync(KubeObjectRef.Service(_key, uid), kubeEvent, CancellationToken.None)
            .ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);
    }

    private sealed record TreeRead(IReadOnlyList<AviRef> Refs, IReadOnlyList<AviObjectState> States) : INoSerializationVerificationNeeded;

    private sealed record ReadFailed(IReadOnlyList<AviRef> Refs, AviError Error) : INoSerializationVerificationNeeded;

    private sealed record PlanFinished(TreeTranslation Translation, PlanOutcome Outcome) : INoSerializationVerificationNeeded;

    private sealed record StatusPatched(Exception? Error) : INoSerializationVerificationNeeded;

    private sealed record PendingStatus(IReadOnlyList<LoadBalancerIngressStatus> Desired, IReadOnlyList<LoadBalancerIngressStatus> ObservedBefore);

    private sealed class RetryTick : INoSerializationVerificationNeeded
    {
        public static RetryTick Instance { get; } = new();
    }
}
