using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Codec;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Fencing;
using AkoActors.Avi.Gateway;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
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
/// <para>Its states are behaviours: <see cref="Idle"/> (no call in flight: a change is looked at now; starting is this state
/// with a tick sent to itself, and waiting for a retry, for a name another object holds or for a refused tenant are this
/// state with a timer set, since any change is looked at before the timer fires), <see cref="Reading"/>, <see cref="Writing"/> and <see cref="DeletingOldTenantTree"/>
/// (one call in flight: a change is recorded and looked at once the call is answered), and <see cref="StoppingAfterTheCall"/>
/// (handed off during a write: let it land, start nothing, stop; a read is not waited for). Nothing is stashed: every input means "look again", so
/// one pass after the call covers any number of them. Each state receives the entity's own messages
/// (<see cref="ReceiveEntityMessages"/>), the owner's ticks, and drops answers meant for an earlier incarnation.</para>
/// </remarks>
public abstract class AviTreeOwnerActor : ReceiveActor, IWithTimers
{
    private const string RetryTimer = "retry";
    private const string CollisionTimer = "collision";
    private const string TenantTimer = "tenant";

    /// <summary>How often an owner kept off a name by another Kubernetes object's Avi objects looks whether they are gone.</summary>
    public static readonly TimeSpan CollisionRecheck = TimeSpan.FromSeconds(15);

    /// <summary>How often an owner whose wanted tenant the controller refused (unknown, or not allowed for this user) tries it again.</summary>
    public static readonly TimeSpan TenantRecheck = TimeSpan.FromSeconds(30);

    private readonly Dictionary<AviRef, AviObjectState> _actual = [];
    private readonly HashSet<AviRef> _toRead = [];
    private readonly HashSet<AviRef> _reading = [];
    private readonly HashSet<AviRef> _warnedUnreadable = [];
    private volatile OwnerState _state;
    private bool _loaded;
    private bool _lookAgain;
    private int _failures;
    private TreeTranslation? _blocked;
    private DateTimeOffset? _changedSince;
    private IReadOnlyList<UserProblem> _reported = [];
    private long? _epoch;
    private long? _supersededBy;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Guid _incarnation = Guid.NewGuid();
    private readonly ActorSystem _system = Context.System;
    private ILoggingAdapter? _log;
    private string? _tenant;
    private bool _tenantUnconfirmed;
    private string? _refusedTenant;
    private AviError? _refusal;
    private RetiringTree? _retiring;

    protected AviTreeOwnerActor(string kind, IAviGateway avi, IKubernetesWriter kube, ControllerRuntime runtime, ControllerMetrics metrics, RetryPolicy retry)
    {
        Kind = kind;
        Avi = avi;
        Kube = kube;
        Runtime = runtime;
        Metrics = metrics;
        Retry = retry;

        Become(Idle);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected string Kind { get; }

    protected IAviGateway Avi { get; }

    protected IKubernetesWriter Kube { get; }

    protected ControllerRuntime Runtime { get; }

    protected ControllerMetrics Metrics { get; }

    protected RetryPolicy Retry { get; }

    /// <summary>Named after the entity (<see cref="Describe"/>, e.g. "Service default/nginx1"), so every line's source context is
    /// the entity rather than the actor path; made on first use because <see cref="Describe"/> needs the subclass's key.</summary>
    protected ILoggingAdapter Log => _log ??= Logging.GetLogger(_system, Describe);

    /// <summary>The tree as last read from or written to the controller.</summary>
    protected IReadOnlyDictionary<AviRef, AviObjectState> Actual => _actual;

    /// <summary>True while a call to the controller is in flight (reading, writing, deleting a tree left in a tenant).</summary>
    protected bool IsBusy => _state != OwnerState.Idle;

    /// <summary>Cancelled when this incarnation stops for any reason (hand-off, force-stop, restart, passivation, shutdown):
    /// pass it to every call the owner starts, so nothing it queued outlives it.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    protected bool OwnsAnything => _actual.Values.Any(IsOwn);

    /// <summary>This incarnation's fencing token (see <c>OwnerEpoch</c>): set before its first write, above every stamp it read.</summary>
    protected long? Epoch => _epoch;

    /// <summary>The object of that name, if it is this owner's own (this cluster's, and claimed for this owner's
    /// Kubernetes object); a same-named object of anyone else is never "ours".</summary>
    protected AviObjectState? Own(AviRef reference) => _actual.GetValueOrDefault(reference) is { } state && IsOwn(state) ? state : null;

    /// <summary>True when an object's markers say it was made for this owner's Kubernetes object (see <see cref="AviClaim"/>).</summary>
    protected abstract bool IsOwnClaim(AviClaim claim, AviObjectSpec spec);

    /// <summary>Decides what to do when objects this tree needs are on the controller for another Kubernetes object (or not
    /// this cluster's at all): return the translation to apply instead (e.g. without the colliding part, with a
    /// <c>NameCollision</c> problem), or null to write nothing now and look again later. Those objects are never written.</summary>
    protected abstract TreeTranslation? OnNameCollision(TreeTranslation translation, IReadOnlyList<AviObjectState> foreign, TranslationContext context);

    private bool IsOwn(AviObjectState state)
    {
        if (Runtime.Context?.Ownership.Owns(state.Spec) != true) return false;
        var claim = AviClaim.Of(state.Spec);
        if (!IsOwnClaim(claim, state.Spec)) return false;
        // An object that claims nobody (AKO marks vsvips with the cluster name only) belongs to whoever refers to it: one
        // that another Kubernetes object's VS uses is that object's, whatever its name.
        return claim.Kind != AviClaimKind.None || !_actual.Values.Any(referrer =>
            referrer.Spec.References.Contains(state.Ref) && AviClaim.Of(referrer.Spec) is { Kind: not AviClaimKind.None } theirs &&
            !IsOwnClaim(theirs, referrer.Spec));
    }

    /// <summary>The Avi tenant this tree belongs in now (every call of this owner carries it as X-Avi-Tenant).</summary>
    protected virtual string DesiredTenant => Runtime.Settings.TenantName;

    /// <summary>The tenant the tree lives in (where it is read and written).</summary>
    protected string Tenant => _tenant ?? DesiredTenant;

    /// <summary>True while the tree left behind in the previous tenant still waits to be deleted.</summary>
    protected bool IsMovingTenant => _retiring is not null;

    /// <summary>During a tenant move: true once the Kubernetes object shows the tree of the new tenant (its status), so the
    /// old tenant's tree may go without a moment where nothing is recorded.</summary>
    protected virtual bool ReadyToRetire => true;

    /// <summary>The controller refused the wanted tenant (it does not exist, or this user has no role in it): nothing changed.</summary>
    protected virtual void OnTenantRefused(string tenant, string? stayingIn, AviError error)
    {
    }

    /// <summary>The tree now lives only in <see cref="Tenant"/>; what was in <paramref name="previous"/> is deleted.</summary>
    protected virtual void OnTenantMoved(string previous)
    {
    }

    /// <summary>Registers the entity's own protocol (reconcile, resync, sweep results, stop, its Kubernetes answers). Called in
    /// every state, so its handlers work the same in each: they call <see cref="Trigger"/>, <see cref="Reread"/>,
    /// <see cref="Observe"/> or <see cref="RequestStop"/>, and the state decides what that means now.</summary>
    protected abstract void ReceiveEntityMessages();

    /// <summary>"Service red/web", "SharedVs admin/avi-cluster--Shared-L7-0": how logs and events name this owner.</summary>
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

    /// <summary>Called when this owner deleted a vsvip: its address is free again for whoever waits for one.</summary>
    protected virtual void OnVipReleased()
    {
    }

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

    protected override void PostStop()
    {
        // Requests of this incarnation still queued at the controller gate are withdrawn; any answer of an old run is
        // recognised and dropped (it is addressed to an incarnation that no longer exists).
        _stopping.Cancel();
        _stopping.Dispose();
        Metrics.EntityStopped(Kind);
    }

    /// <summary>Look again: the input may have changed. Idle, at once; during a call, once it is answered.</summary>
    protected void Trigger()
    {
        _changedSince ??= Runtime.Time.GetUtcNow();
        if (IsBusy)
        {
            _lookAgain = true;
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
    /// <remarks>A read changes nothing on the controller, so an owner asked to stop while reading stops at once (its queued
    /// read is withdrawn at the gate, a read on the wire is cancelled and its answer dropped). Waiting for it instead held
    /// whole hand-offs: owners just moved to a replica all read their trees at once, queue behind each other at the gate,
    /// and a rebalance asking them to move again waited for every one of those reads — up to sharding's hand-off timeout,
    /// during which no other shard of the kind moves (seen at 10,000 Services, rounds of 40–60 s after a replica restart).</remarks>
    protected void RequestStop()
    {
        if (_state == OwnerState.Reading) Context.Stop(Self);
        else if (IsBusy) Enter(OwnerState.StoppingAfterTheCall);
        else Context.Stop(Self);
    }

    protected void Passivate(object stopMessage) => Context.Parent.Tell(new Passivate(stopMessage));

    /// <summary>Compares a sweep's stamps with what this owner knows; only objects that differ are read again.</summary>
    protected void Observe(IReadOnlyList<ObservedObject> objects)
    {
        var drifted = TreeDrift.Find(objects, _actual, _reading, _loaded, IsOwn);
        if (drifted.Count == 0) return;
        Log.Info("{Owner}: the controller's copy of {Drifted} differs from what this owner last saw; reading it again", Describe, string.Join(", ", drifted));
        _toRead.UnionWith(drifted);
        Trigger();
    }

    /// <summary>No call to the controller in flight: a change is looked at now, and leads to a read, a plan, or nothing.</summary>
    private void Idle()
    {
        ReceiveInputs();
        DropAnswersOfEarlierIncarnations();
    }

    /// <summary>Part of the tree is being read. Nothing is planned before the tree has been read, so a failed read deletes nothing.</summary>
    private void Reading()
    {
        Receive<TreeRead>(IsThisIncarnations, read =>
        {
            Enter(OwnerState.Idle);
            Accept(read);
            Run();
        });
        Receive<ReadFailed>(IsThisIncarnations, failed =>
        {
            Enter(OwnerState.Idle);
            if (Accept(failed) is { } retry) RetryIn(retry);
            else if (_tenant is not null) Run();
        });
        ReceiveInputs();
        DropAnswersOfEarlierIncarnations();
    }

    /// <summary>A plan is being applied, wave by wave. Changes arriving meanwhile coalesce into one more pass once it is answered.</summary>
    private void Writing()
    {
        Receive<PlanFinished>(IsThisIncarnations, finished =>
        {
            Enter(OwnerState.Idle);
            switch (Accept(finished))
            {
                case AfterPlan.Converged converged:
                    Converge(converged.Translation);
                    break;
                case AfterPlan.NameTaken:
                    Run();
                    break;
                case AfterPlan.Failed { RetryIn: { } wait }:
                    RetryIn(wait);
                    break;
                default:
                    if (_lookAgain) Run();
                    break;
            }
        });
        ReceiveInputs();
        DropAnswersOfEarlierIncarnations();
    }

    /// <summary>The tree left in the previous tenant is being deleted (the new tenant's serves, and the Kubernetes object shows it).</summary>
    private void DeletingOldTenantTree()
    {
        Receive<RetireFinished>(IsThisIncarnations, finished =>
        {
            Enter(OwnerState.Idle);
            if (Accept(finished) is { } retry) RetryIn(retry);
            else Trigger();
        });
        ReceiveInputs();
        DropAnswersOfEarlierIncarnations();
    }

    /// <summary>Asked to stop while a call was in flight: the call is let land (so no write of ours races the next owner's),
    /// its answer is taken in, nothing new starts, and the actor stops. <see cref="AviPlanRunner"/> sees this state and starts
    /// no later wave of the plan in flight.</summary>
    private void StoppingAfterTheCall()
    {
        Receive<TreeRead>(IsThisIncarnations, read => StopAfter(() => Accept(read)));
        Receive<ReadFailed>(IsThisIncarnations, failed => StopAfter(() => Accept(failed)));
        Receive<PlanFinished>(IsThisIncarnations, finished => StopAfter(() =>
        {
            if (Accept(finished) is not AfterPlan.Converged converged) return;
            OnConverged(converged.Translation);
            CountResult("converged");
        }));
        Receive<RetireFinished>(IsThisIncarnations, finished => StopAfter(() => Accept(finished)));
        ReceiveInputs();
        DropAnswersOfEarlierIncarnations();
    }

    /// <summary>What every state receives: the entity's own messages and the owner's ticks, each of which asks to look again.</summary>
    private void ReceiveInputs()
    {
        ReceiveEntityMessages();
        Receive<RetryTick>(_ => Trigger());
        Receive<CollisionRecheckTick>(tick =>
        {
            _toRead.UnionWith(tick.Refs);
            Trigger();
        });
        Receive<TenantRecheckTick>(_ =>
        {
            _refusedTenant = null;
            Trigger();
        });
    }

    /// <summary>After a restart in place the new incarnation has the old one's ActorRef: an answer to a call the old one started
    /// must neither end this one's call nor overwrite what it read.</summary>
    private void DropAnswersOfEarlierIncarnations()
    {
        Receive<TreeRead>(stale => Log.Debug("{Owner}: dropped the answer of a read started by an earlier incarnation", Describe));
        Receive<ReadFailed>(stale => Log.Debug("{Owner}: dropped the failure of a read started by an earlier incarnation", Describe));
        Receive<PlanFinished>(stale => Log.Debug("{Owner}: dropped the outcome of a plan started by an earlier incarnation", Describe));
        Receive<RetireFinished>(stale => Log.Debug("{Owner}: dropped the outcome of a retirement started by an earlier incarnation", Describe));
    }

    private bool IsThisIncarnations(IncarnationAnswer answer) => answer.Incarnation == _incarnation;

    private void Enter(OwnerState state)
    {
        _state = state;
        Become(state switch
        {
            OwnerState.Reading => Reading,
            OwnerState.Writing => Writing,
            OwnerState.DeletingOldTenantTree => DeletingOldTenantTree,
            OwnerState.StoppingAfterTheCall => StoppingAfterTheCall,
            _ => Idle,
        });
    }

    /// <summary>The call has landed: its answer is taken in (a call is no longer in flight while it is), then the actor stops.</summary>
    private void StopAfter(Action accept)
    {
        Enter(OwnerState.Idle);
        accept();
        Context.Stop(Self);
    }

    private void RetryIn(TimeSpan delay) => Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, delay);

    /// <summary>Decides what to do now (idle only): wait for the controller to be usable, read what is not known yet, or plan.</summary>
    private void Run()
    {
        _lookAgain = false;
        if (!Runtime.MayWrite)
        {
            RetryIn(TimeSpan.FromSeconds(1));
            return;
        }
        var context = Runtime.Context!;
        var wanted = DesiredTenant;
        if (_tenant is null)
        {
            if (wanted == _refusedTenant && _refusal is { } refusal)
            {
                // Still refused: whoever asks meanwhile (a new contributor, say) hears why, and nothing is read or written.
                Translate(context);
                OnTenantRefused(wanted, null, refusal);
                Finish("tenant-refused");
                return;
            }
            _tenant = wanted;
            _tenantUnconfirmed = true;
        }
        else if (wanted != _tenant && wanted != _refusedTenant && _loaded && _retiring is null && !_tenantUnconfirmed)
        {
            BeginMove(wanted);
        }
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
        Enter(OwnerState.Reading);
        var refs = _toRead.ToList();
        _toRead.Clear();
        _reading.UnionWith(refs);
        Avi.ReadAsync(refs, CallContext, _stopping.Token).PipeTo(
            Self,
            success: states => new TreeRead(refs, states, _incarnation),
            failure: exception => new ReadFailed(refs, exception is AviApiException api ? api.Error : AviErrorClassifier.Unreachable(exception), _incarnation));
    }

    /// <summary>Takes a read in: the objects found replace what was known of the ones asked for, and what they refer to that
    /// is still unknown is read next.</summary>
    private void Accept(TreeRead read)
    {
        _reading.Clear();
        _tenantUnconfirmed = false;
        foreach (var reference in read.Refs) _actual.Remove(reference);
        foreach (var state in read.States) _actual[state.Ref] = state;
        var followUp = TreeReadFollowUp.Of(read.Refs, read.States, _actual);
        _toRead.UnionWith(followUp.ToRead);
        WarnUnreadable(followUp.Unreadable);
        _loaded = true;
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

    /// <summary>Counts a failed read; returns when to read again, or null when the controller refused the tenant the tree was
    /// first read in (then the tree goes back to the tenant it was in, if any, and is looked at there).</summary>
    private TimeSpan? Accept(ReadFailed failed)
    {
        _reading.Clear();
        if (_tenantUnconfirmed && TenantRefusal.Is(failed.Error))
        {
            RefuseTenant(failed.Error);
            return null;
        }
        // A failed read never leads to a deletion: nothing is planned until the tree has been read.
        _toRead.UnionWith(failed.Refs);
        _failures++;
        var delay = Retry.DelayAfter(failed.Error, _failures) ?? Retry.Exponential(_failures);
        Log.Warning("Reading the Avi tree of {Owner} failed with {AviStatus}: {AviError}; retrying in {RetryIn}", Describe, failed.Error.Status, failed.Error.Message, delay);
        Metrics.Reconciled(Kind, "read-failed", TimeSpan.Zero);
        return delay;
    }

    private void Plan(TreeTranslation translation, TranslationContext context)
    {
        var refused = translation.Outcome == TranslationOutcome.Refused;
        var collided = false;
        if (!refused)
        {
            var desiredRefs = translation.Desired.Select(d => d.Ref).ToHashSet();
            var foreign = _actual.Values.Where(s => desiredRefs.Contains(s.Ref) && !IsOwn(s)).ToList();
            if (foreign.Count > 0)
            {
                // Objects of another Kubernetes object (or of nobody in this cluster) hold names this tree needs: they are
                // never written, and a timer keeps looking whether they are gone.
                Timers.StartSingleTimer(CollisionTimer, new CollisionRecheckTick(foreign.Select(f => f.Ref).ToList()), CollisionRecheck);
                var resolved = OnNameCollision(translation, foreign, context);
                if (resolved is null)
                {
                    Finish("collision");
                    return;
                }
                collided = true;
                var foreignRefs = foreign.Select(f => f.Ref).ToHashSet();
                translation = resolved with { Desired = resolved.Desired.Where(d => !foreignRefs.Contains(d.Ref)).ToEquatableArray() };
            }
        }
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
        var owned = _actual.Values.Where(IsOwn).ToList();
        if (collided)
        {
            // While a name is contested, objects that claim nobody are neither written nor deleted: only what this owner's
            // markers prove its own is cleaned up (a vsvip of the other object's, raced to the controller, stays).
            owned = owned.Where(s => AviClaim.Of(s.Spec).Kind != AviClaimKind.None).ToList();
        }
        if (_supersededBy is null && Supersession.NewerEpoch(_epoch, owned.Select(s => s.Epoch)) is { } newest)
        {
            // This one writes nothing more. Sharding stops it when its replica leaves or the shard moves back.
            _supersededBy = newest;
            Log.Warning("{Owner}: a newer owner (epoch {NewerEpoch}, ours {Epoch}) has written this tree; this replica no longer owns it and writes nothing", Describe, newest, _epoch);
        }
        if (_supersededBy is not null)
        {
            Finish("superseded");
            return;
        }
        var plan = AviTreeDiff.Plan(translation.Desired, owned);
        if (plan.IsEmpty)
        {
            Converge(translation);
            return;
        }
        _epoch ??= OwnerEpoch.Next(Runtime.Time.GetUtcNow(), _actual.Values.Select(s => s.Epoch));
        Enter(OwnerState.Writing);
        Log.Info("{Owner}: applying {OperationCount} Avi operation(s): {Plan}", Describe, plan.OperationCount, plan.ToString());
        AviPlanRunner.RunAsync(plan, Avi, CallContext with { Epoch = _epoch }, () => _state == OwnerState.StoppingAfterTheCall, _stopping.Token, Runtime.Time)
            .PipeTo(Self, success: outcome => new PlanFinished(translation, outcome, _incarnation));
    }

    /// <summary>Takes a plan's outcome in: what was applied becomes the known tree, and a failure is answered (read again,
    /// set aside, blocked, reported); returns what to do next.</summary>
    private AfterPlan Accept(PlanFinished finished)
    {
        var outcome = finished.Outcome;
        foreach (var (operation, state) in outcome.Applied)
        {
            if (operation is DeleteOperation && operation.Target.Type == AviObjectTypes.VsVip) OnVipReleased();
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
            return new AfterPlan.Converged(finished.Translation);
        }

        var failed = outcome.FailedOperation;
        var target = failed?.Target;
        var targetKnown = target is null || _actual.ContainsKey(target);
        if (target is not null && PlanFailures.ReadsTargetAgain(error, targetKnown)) _toRead.Add(target);
        if (error.Kind == AviErrorKind.Fenced) Log.Warning("{Owner}: fenced: {AviError}", Describe, error.Message);
        var kind = PlanFailures.Classify(error, targetKnown);
        if (kind == PlanFailure.NameTaken)
        {
            // Another object holds the name: the next pass decides as a name collision (it is never written).
            _failures = 0;
            Metrics.Reconciled(Kind, "collision", TimeSpan.Zero);
            return AfterPlan.NameTaken.Instance;
        }
        _failures++;
        var delay = Retry.DelayAfter(error, _failures);
        switch (kind)
        {
            case PlanFailure.Refused or PlanFailure.AddressInUse when failed is not null && Isolate(failed, error):
                // The refused part is left out of the tree; everything else converges on the next pass, at once.
                delay = TimeSpan.Zero;
                break;
            case PlanFailure.Refused:
                _blocked = finished.Translation;
                ReportFailure(error.Kind == AviErrorKind.NameConflict ? "NameConflict" : "AviRejected",
                    $"The Avi Controller refused {failed}: {error.Message}");
                break;
            case PlanFailure.NoFreeIps:
                ReportFailure("NoFreeIPs",
                    $"The Avi Controller has no free VIP for {Describe}: {error.Message}. It is tried again as soon as this controller releases a VIP, " +
                    $"and every {delay?.TotalMinutes:0.#} minutes for addresses released by anyone else");
                break;
            case PlanFailure.AddressInUse:
                ReportFailure("LoadBalancerIPInUse",
                    $"The Avi Controller refused {failed}: {error.Message}. It is tried again as soon as this controller releases a VIP, " +
                    $"and every {delay?.TotalMinutes:0.#} minutes");
                break;
            default:
                Log.Warning("{Owner}: {Operation} failed with {AviStatus}: {AviError}; retrying in {RetryIn}", Describe, failed?.ToString(), error.Status, error.Message, delay);
                break;
        }
        Metrics.Reconciled(Kind, "failed", TimeSpan.Zero);
        return new AfterPlan.Failed(delay);
    }

    private void Converge(TreeTranslation translation)
    {
        OnConverged(translation);
        if (_retiring is not null && ReadyToRetire)
        {
            Retire();
            return;
        }
        Finish("converged");
    }

    private AviCallContext CallContext => new(Tenant, FairnessKey);

    /// <summary>The tenant changed: the tree known in the old one is kept aside (still serving) while the tree is built in
    /// the new one; it is deleted once <see cref="ReadyToRetire"/> says the Kubernetes object shows the new one.</summary>
    private void BeginMove(string wanted)
    {
        var owned = _actual.Values.Where(IsOwn).ToList();
        // Fencing: the stamps of the old tree count too, whatever this incarnation writes first in the new tenant.
        _epoch ??= OwnerEpoch.Next(Runtime.Time.GetUtcNow(), _actual.Values.Select(s => s.Epoch));
        Log.Info("{Owner}: moving from tenant {OldTenant} to tenant {Tenant} ({Count} object(s) to move)", Describe, _tenant, wanted, owned.Count);
        _retiring = owned.Count > 0 ? new RetiringTree(_tenant!, owned) : null;
        _actual.Clear();
        _toRead.Clear();
        _loaded = false;
        _blocked = null;
        _tenant = wanted;
        _tenantUnconfirmed = true;
    }

    /// <summary>The first read in the wanted tenant was refused: go back to the tenant the tree was in (nothing was written
    /// anywhere), tell the user, and try the tenant again later.</summary>
    private void RefuseTenant(AviError error)
    {
        var refused = _tenant!;
        _refusedTenant = refused;
        _refusal = error;
        _tenantUnconfirmed = false;
        _toRead.Clear();
        _loaded = false;
        if (_retiring is { } back)
        {
            _tenant = back.Tenant;
            foreach (var state in back.Objects) _actual[state.Ref] = state;
            _retiring = null;
        }
        else
        {
            _tenant = null;
        }
        Log.Warning("{Owner}: the controller refused tenant {Tenant} ({AviError}); staying in {OldTenant}", Describe, refused, error, _tenant ?? "no tenant");
        OnTenantRefused(refused, _tenant, error);
        Timers.StartSingleTimer(TenantTimer, TenantRecheckTick.Instance, TenantRecheck);
        Metrics.Reconciled(Kind, "tenant-refused", TimeSpan.Zero);
    }

    /// <summary>Deletes the tree left in the previous tenant (the new one serves, and the Kubernetes object shows it).</summary>
    private void Retire()
    {
        var retiring = _retiring!;
        var plan = AviTreeDiff.Plan(EquatableArray<AviObjectSpec>.Empty, retiring.Objects);
        if (plan.IsEmpty)
        {
            _retiring = null;
            OnTenantMoved(retiring.Tenant);
            Finish("converged");
            return;
        }
        Enter(OwnerState.DeletingOldTenantTree);
        Log.Info("{Owner}: served from tenant {Tenant}; deleting {Count} object(s) left in tenant {OldTenant}", Describe, Tenant, retiring.Objects.Count, retiring.Tenant);
        AviPlanRunner.RunAsync(plan, Avi, new AviCallContext(retiring.Tenant, FairnessKey) { Epoch = _epoch }, () => _state == OwnerState.StoppingAfterTheCall, _stopping.Token, Runtime.Time)
            .PipeTo(Self, success: outcome => new RetireFinished(outcome, _incarnation));
    }

    /// <summary>Takes the deletions in; returns when to try again what is left, or null when nothing is left in the old tenant.</summary>
    private TimeSpan? Accept(RetireFinished finished)
    {
        var retiring = _retiring!;
        var gone = finished.Outcome.Applied.Select(a => a.Operation.Target).ToHashSet();
        if (gone.Any(r => r.Type == AviObjectTypes.VsVip)) OnVipReleased();
        if (finished.Outcome.Failure is { } error && finished.Outcome.FailedOperation is { } failed)
        {
            // Gone already, or written since by a newer owner: either way no longer this owner's to delete.
            if (error.Kind is AviErrorKind.NotFound or AviErrorKind.Fenced) gone.Add(failed.Target);
        }
        var left = retiring.Objects.Where(o => !gone.Contains(o.Ref)).ToList();
        if (left.Count == 0)
        {
            _retiring = null;
            _failures = 0;
            Log.Info("{Owner}: moved to tenant {Tenant}; nothing is left in tenant {OldTenant}", Describe, Tenant, retiring.Tenant);
            OnTenantMoved(retiring.Tenant);
            Metrics.Reconciled(Kind, "converged", TimeSpan.Zero);
            return null;
        }
        _retiring = retiring with { Objects = left };
        _failures++;
        var delay = finished.Outcome.Failure is { } failure ? Retry.DelayAfter(failure, _failures) ?? Retry.Exponential(_failures) : TimeSpan.Zero;
        Log.Warning("{Owner}: deleting what is left in tenant {OldTenant} failed ({AviError}); retrying in {Delay}", Describe, retiring.Tenant,
            finished.Outcome.Failure, delay);
        return delay;
    }

    /// <summary>Ends a pass that started no call: records its result, and looks again if something changed during it.</summary>
    private void Finish(string result)
    {
        CountResult(result);
        if (_lookAgain && !IsBusy) Run();
    }

    /// <summary>Counts a pass's result; the latency from the first change it covers counts only when it converged.</summary>
    private void CountResult(string result)
    {
        var latency = _changedSince is { } since && result == "converged" ? Runtime.Time.GetUtcNow() - since : TimeSpan.Zero;
        Metrics.Reconciled(Kind, result, latency);
        _changedSince = null;
    }

    /// <summary>Records an event on a Kubernetes object; events are best effort and never fail the reconcile.</summary>
    protected void Record(KubeObjectRef target, KubeEvent kubeEvent) =>
        _ = Kube.RecordEventAsync(target, kubeEvent, _stopping.Token).ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);

    // Results carry the incarnation that started the call: after a restart the new instance has the same ActorRef, and an
    // old run's answer must not end its call or overwrite what it read.
    private abstract record IncarnationAnswer(Guid Incarnation) : INoSerializationVerificationNeeded;

    private sealed record TreeRead(IReadOnlyList<AviRef> Refs, IReadOnlyList<AviObjectState> States, Guid Incarnation) : IncarnationAnswer(Incarnation);

    private sealed record ReadFailed(IReadOnlyList<AviRef> Refs, AviError Error, Guid Incarnation) : IncarnationAnswer(Incarnation);

    private sealed record PlanFinished(TreeTranslation Translation, PlanOutcome Outcome, Guid Incarnation) : IncarnationAnswer(Incarnation);

    private sealed record RetiringTree(string Tenant, IReadOnlyList<AviObjectState> Objects);

    private sealed record RetireFinished(PlanOutcome Outcome, Guid Incarnation) : IncarnationAnswer(Incarnation);

    /// <summary>The behaviour the owner is in (see the remarks); kept beside <c>Become</c> because <see cref="IsBusy"/>,
    /// <see cref="Trigger"/> and the plan runner's stop check ask it.</summary>
    private enum OwnerState
    {
        Idle,
        Reading,
        Writing,
        DeletingOldTenantTree,
        StoppingAfterTheCall,
    }

    /// <summary>What a plan's outcome leads to.</summary>
    private abstract record AfterPlan
    {
        /// <summary>Everything was applied: the tree is as wanted.</summary>
        public sealed record Converged(TreeTranslation Translation) : AfterPlan;

        /// <summary>A name was found taken: look again at once, and the pass decides it as a name collision.</summary>
        public sealed record NameTaken : AfterPlan
        {
            public static NameTaken Instance { get; } = new();
        }

        /// <summary>Not applied: try again after <see cref="RetryIn"/>, or (null) when something changes.</summary>
        public sealed record Failed(TimeSpan? RetryIn) : AfterPlan;
    }

    private sealed class TenantRecheckTick : INoSerializationVerificationNeeded, IDeadLetterSuppression
    {
        public static TenantRecheckTick Instance { get; } = new();
    }

    private sealed record CollisionRecheckTick(IReadOnlyList<AviRef> Refs) : INoSerializationVerificationNeeded, IDeadLetterSuppression;

    /// <summary>Look again now (start, retry timer, readiness wait).</summary>
    protected sealed class RetryTick : INoSerializationVerificationNeeded
    {
        public static RetryTick Instance { get; } = new();
    }
}
