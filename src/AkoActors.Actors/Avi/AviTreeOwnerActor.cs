using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Codec;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Gateway;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Translation;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Avi;

/// <summary>The single writer of one Avi object tree: the mechanics every tree-owning entity shares.</summary>
/// <remarks>
/// Level-triggered: <see cref="Trigger"/> means "look again"; the owner translates the newest Kubernetes state
/// (<see cref="Translate"/>), diffs it against the tree it last read or wrote, and runs only the calls the diff needs
/// (none when nothing changed). Nothing is planned before the tree has been read, so a failed read deletes nothing.
/// One plan runs at a time; triggers during a write coalesce into one more pass, and retries recompute from the newest
/// state rather than replay a failed request. A stop request waits for the write in flight, so a hand-off never lets two
/// replicas write the same tree at once.
/// </remarks>
public abstract class AviTreeOwnerActor : ReceiveActor, IWithTimers
{
    private const string RetryTimer = "retry";

    private readonly Dictionary<AviRef, AviObjectState> _actual = [];
    private readonly HashSet<AviRef> _toRead = [];
    private readonly HashSet<AviRef> _reading = [];
    private readonly HashSet<AviRef> _warnedUnreadable = [];
    private bool _loaded;
    private bool _busy;
    private bool _dirty;
    private volatile bool _stopRequested;
    private int _failures;
    private TreeTranslation? _blocked;
    private DateTimeOffset? _changedSince;
    private IReadOnlyList<UserProblem> _reported = [];

    protected AviTreeOwnerActor(string kind, IAviGateway avi, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics, RetryPolicy retry)
    {
        Kind = kind;
        Avi = avi;
        Kube = kube;
        Runtime = runtime;
        Metrics = metrics;
        Retry = retry;

        Receive<RetryTick>(_ => Trigger());
        Receive<TreeRead>(OnTreeRead);
        Receive<ReadFailed>(OnReadFailed);
        Receive<PlanFinished>(OnPlanFinished);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected string Kind { get; }

    protected IAviGateway Avi { get; }

    protected IKubernetesWriter Kube { get; }

    protected ControllerRuntime Runtime { get; }

    protected ControllerMetrics Metrics { get; }

    protected RetryPolicy Retry { get; }

    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>The tree as last read from or written to the controller.</summary>
    protected IReadOnlyDictionary<AviRef, AviObjectState> Actual => _actual;

    protected bool IsBusy => _busy;

    protected bool OwnsAnything => _actual.Values.Any(s => Runtime.Context?.Ownership.Owns(s.Spec) == true);

    /// <summary>"Service red/web", "shard VS avi-cluster--Shared-L7-0": how logs name this owner.</summary>
    protected abstract string Describe { get; }

    /// <summary>The Kubernetes namespace the controller requests are queued under (fairness between namespaces).</summary>
    protected abstract string FairnessKey { get; }

    /// <summary>The tree wanted now, from this replica's informer cache.</summary>
    protected abstract TreeTranslation Translate(TranslationContext context);

    /// <summary>Objects the tree always has, whatever the input (read at start so leftovers are found).</summary>
    protected abstract IEnumerable<AviRef> BaseRefs(TranslationContext context);

    /// <summary>Called when the tree matches what is wanted (status, announcements, leaving when nothing is left).</summary>
    protected abstract void OnConverged(TreeTranslation translation);

    /// <summary>Reports problems the user must fix (Warning events); called when the set of problems changed.</summary>
    protected abstract void Report(IReadOnlyList<UserProblem> problems, bool refused);

    /// <summary>Reports a refusal or failure the controller answered, for this tree as a whole.</summary>
    protected abstract void ReportFailure(string reason, string message);

    /// <summary>Lets an owner of a tree shared by many inputs set aside just the part the controller refused (one Ingress
    /// host, say) instead of blocking the whole tree; true when it did, and the next pass runs without that part.</summary>
    protected virtual bool Isolate(AviOperation failed, AviError error) => false;

    /// <summary>Called for each virtual service created or deleted, for AKO's Normal events.</summary>
    protected virtual void OnVirtualServiceChanged(AviOperation operation)
    {
    }

    protected override void PreStart()
    {
        Metrics.EntityStarted(Kind);
        // Started by a message, by remember-entities after a rebalance, or after a crash: in every case look at once.
        Self.Tell(RetryTick.Instance);
    }

    protected override void PostStop() => Metrics.EntityStopped(Kind);

    /// <summary>Look again: the input may have changed.</summary>
    protected void Trigger()
    {
        _changedSince ??= DateTimeOffset.UtcNow;
        if (_busy)
        {
            _dirty = true;
            return;
        }
        Run();
    }

    /// <summary>Re-read the whole tree from the controller before the next comparison (drift repair).</summary>
    protected void Reread()
    {
        _loaded = false;
        Trigger();
    }

    /// <summary>Stops now, or after the write in flight (sharding hand-off, passivation).</summary>
    protected void RequestStop()
    {
        if (_busy) _stopRequested = true;
        else Context.Stop(Self);
    }

    protected void Passivate(object stopMessage) => Context.Parent.Tell(new Passivate(stopMessage));

    /// <summary>Compares a sweep's stamps with what this owner knows; only objects that differ are read again.</summary>
    protected void Observe(IReadOnlyList<ObservedObject> objects)
    {
        var seen = objects.ToDictionary(o => o.Ref, o => o.LastModified);
        // A read already in flight is as fresh as the sweep: reading those objects again would only double the cost.
        var drifted = seen
            .Where(o => !_reading.Contains(o.Key) && (!_actual.TryGetValue(o.Key, out var known) || known.LastModified != o.Value))
            .Select(o => o.Key)
            .ToList();
        if (_loaded)
        {
            // Objects this owner has that the sweep did not find were deleted behind its back.
            drifted.AddRange(_actual.Values
                .Where(s => Runtime.Context?.Ownership.Owns(s.Spec) == true && !seen.ContainsKey(s.Ref))
                .Select(s => s.Ref));
        }
        if (drifted.Count == 0) return;
        Log.Info("{0}: the controller's copy of {1} differs from what this owner last saw; reading it again", Describe, string.Join(", ", drifted));
        _toRead.UnionWith(drifted);
        Trigger();
    }

    private void Run()
    {
        _dirty = false;
        if (!Runtime.IsReady)
        {
            Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, TimeSpan.FromSeconds(1));
            return;
        }
        var context = Runtime.Context!;
        var translation = Runtime.DeleteConfig ? TreeTranslation.NotHandled : Translate(context);
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

    private void Read()
    {
        _busy = true;
        var refs = _toRead.ToList();
        _toRead.Clear();
        _reading.UnionWith(refs);
        Avi.ReadAsync(refs, Runtime.CallContext(FairnessKey), CancellationToken.None).PipeTo(
            Self,
            success: states => new TreeRead(refs, states),
            failure: exception => new ReadFailed(refs, exception is AviApiException api ? api.Error : AviErrorClassifier.Unreachable(exception)));
    }

    private void OnTreeRead(TreeRead read)
    {
        _busy = false;
        _reading.Clear();
        foreach (var reference in read.Refs) _actual.Remove(reference);
        foreach (var state in read.States) _actual[state.Ref] = state;
        // Follow references down the tree (VS → policy sets → pools), so objects no input names any more are found too.
        var asked = read.Refs.ToHashSet();
        var followed = read.States.SelectMany(s => s.Spec.References).Where(r => !_actual.ContainsKey(r) && !asked.Contains(r)).ToList();
        _toRead.UnionWith(followed.Where(r => AviSpecCodecs.Supports(r.Type)));
        WarnUnreadable(followed.Where(r => !AviSpecCodecs.Supports(r.Type)));
        _loaded = true;
        if (_stopRequested)
        {
            Context.Stop(Self);
            return;
        }
        Run();
    }

    /// <summary>An object of a type no codec reads (one AKO or a user attached) is left alone, not read: the tree converges
    /// without it, and the user hears once why it is not managed.</summary>
    private void WarnUnreadable(IEnumerable<AviRef> refs)
    {
        foreach (var reference in refs.Where(_warnedUnreadable.Add))
        {
            ReportFailure("UnsupportedAviObject",
                $"{Describe} refers to Avi {reference.Type} '{reference.Name}', a type this controller does not read; it is left " +
                "untouched and not managed. Detach it on the controller if it should not stay");
        }
    }

    private void OnReadFailed(ReadFailed failed)
    {
        _busy = false;
        _reading.Clear();
        // A failed read never leads to a deletion: nothing is planned until the tree has been read.
        _toRead.UnionWith(failed.Refs);
        _failures++;
        var delay = Retry.DelayAfter(failed.Error, _failures) ?? Retry.Exponential(_failures);
        Log.Warning("Reading the Avi tree of {0} failed: {1}; retrying in {2}", Describe, failed.Error, delay);
        Metrics.Reconciled(Kind, "read-failed", TimeSpan.Zero);
        if (_stopRequested) Context.Stop(Self);
        else Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, delay);
    }

    private void Plan(TreeTranslation translation, TranslationContext context)
    {
        var refused = translation.Outcome == TranslationOutcome.Refused;
        if (!translation.Problems.SequenceEqual(_reported))
        {
            _reported = translation.Problems.ToList();
            Report(_reported, refused);
        }
        if (refused)
        {
            Finish("refused");
            return;
        }
        if (_blocked is not null && _blocked.Desired == translation.Desired)
        {
            // The controller refused exactly this tree before; trying again would only be refused again.
            Finish("blocked");
            return;
        }
        var owned = _actual.Values.Where(s => context.Ownership.Owns(s.Spec)).ToList();
        var plan = AviTreeDiff.Plan(translation.Desired, owned);
        if (plan.IsEmpty)
        {
            Converge(translation);
            return;
        }
        _busy = true;
        Log.Info("{0}: applying {1} Avi operation(s): {2}", Describe, plan.OperationCount, plan);
        AviPlanRunner.RunAsync(plan, Avi, Runtime.CallContext(FairnessKey), () => _stopRequested)
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
            if (operation.Target.Type == AviObjectTypes.VirtualService && operation is CreateOperation or DeleteOperation)
            {
                OnVirtualServiceChanged(operation);
            }
        }
        if (outcome.Failure is not { } error)
        {
            _failures = 0;
            _blocked = null;
            Converge(finished.Translation);
            return;
        }

        _failures++;
        var target = outcome.FailedOperation?.Target;
        if (error.Kind is AviErrorKind.Stale or AviErrorKind.NotFound && target is not null) _toRead.Add(target);
        var delay = Retry.DelayAfter(error, _failures);
        switch (error.Kind)
        {
            case AviErrorKind.Rejected or AviErrorKind.NameConflict when outcome.FailedOperation is { } failed && Isolate(failed, error):
                // The refused part is left out of the tree; everything else converges on the next pass, at once.
                delay = TimeSpan.Zero;
                break;
            case AviErrorKind.Rejected or AviErrorKind.NameConflict:
                _blocked = finished.Translation;
                ReportFailure(error.Kind == AviErrorKind.NameConflict ? "NameConflict" : "AviRejected",
                    $"The Avi Controller refused {outcome.FailedOperation}: {error.Message}");
                break;
            case AviErrorKind.NoFreeIps:
                ReportFailure("NoFreeIPs",
                    $"The Avi Controller has no free VIP for {Describe}: {error.Message}. Retrying every {delay?.TotalMinutes:0.#} minutes");
                break;
            default:
                Log.Warning("{0}: {1} failed: {2}; retrying in {3}", Describe, outcome.FailedOperation, error, delay);
                break;
        }
        Metrics.Reconciled(Kind, "failed", TimeSpan.Zero);
        if (_stopRequested)
        {
            Context.Stop(Self);
            return;
        }
        if (delay is { } wait) Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, wait);
        else if (_dirty) Run();
    }

    private void Converge(TreeTranslation translation)
    {
        OnConverged(translation);
        Finish("converged");
    }

    private void Finish(string result)
    {
        var latency = _changedSince is { } since && result == "converged" ? DateTimeOffset.UtcNow - since : TimeSpan.Zero;
        Metrics.Reconciled(Kind, result, latency);
        _changedSince = null;
        if (_stopRequested)
        {
            Context.Stop(Self);
            return;
        }
        if (_dirty && !_busy) Run();
    }

    /// <summary>Records an event on a Kubernetes object; events are best effort and never fail the reconcile.</summary>
    protected void Record(KubeObjectRef target, KubeEvent kubeEvent) =>
        _ = Kube.RecordEventAsync(target, kubeEvent, CancellationToken.None).ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);

    private sealed record TreeRead(IReadOnlyList<AviRef> Refs, IReadOnlyList<AviObjectState> States) : INoSerializationVerificationNeeded;

    private sealed record ReadFailed(IReadOnlyList<AviRef> Refs, AviError Error) : INoSerializationVerificationNeeded;

    private sealed record PlanFinished(TreeTranslation Translation, PlanOutcome Outcome) : INoSerializationVerificationNeeded;

    /// <summary>Look again now (start, retry timer, readiness wait).</summary>
    protected sealed class RetryTick : INoSerializationVerificationNeeded
    {
        public static RetryTick Instance { get; } = new();
    }
}
