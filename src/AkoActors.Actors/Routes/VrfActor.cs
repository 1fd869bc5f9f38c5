using Akka.Actor;
using Akka.Event;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Fencing;
using AkoActors.Avi.Routes;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Routes;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Routes;

/// <summary>The single writer of one VRF context's static routes: merges every node's report into the routes labelled with our
/// clusterName and read-modify-writes the VRF, leaving everyone else's routes untouched.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Level-triggered: on start (first placement, rebalance, failover) it reads the VRF and asks every node this replica
/// knows to report; it writes nothing until all have (or <see cref="StaticRouteOptions.ReportWait"/> passed, and then it holds
/// routes of nodes not heard from instead of deleting them). A restart with nothing changed writes nothing.</item>
/// <item>Minimal calls: one read at start and after a 412; reports arriving within <see cref="StaticRouteOptions.Settle"/> of each
/// other, or while a write is in flight, coalesce into one PUT; no PUT when the merge equals what is there.</item>
/// <item>412 (someone wrote the VRF since our read): read again and merge again, so their change and ours both survive —
/// unless the re-read shows our routes written by a newer owner incarnation (a higher epoch label; an incarnation takes its
/// epoch above every one it read, like every tree owner): then this one lost ownership (paused, partitioned, not yet told)
/// and writes nothing more, so it cannot put back routes its successor changed.</item>
/// <item>Every call is cancelled when the incarnation stops (hand-off timeout, restart, shutdown).</item>
/// </list>
/// Its states are behaviours: <see cref="Idle"/> (no call in flight: decide now or at the end of a window), <see cref="Reading"/>
/// and <see cref="Writing"/> (one call in flight: changes are recorded and looked at once it is answered), and
/// <see cref="FinishingBeforeStop"/> (handed off during a call: let it land, start nothing, stop).
/// </remarks>
public sealed class VrfActor : ReceiveActor, IWithTimers
{
    private const string Kind = "vrf";
    private const string WakeTimer = "wake";
    private const string ResyncTimer = "resync";
    private const int ImmediateStaleRetries = 3;

    private readonly VrfKey _key;
    private readonly IVrfContextClient _client;
    private readonly IClusterState _cluster;
    private readonly IKubernetesWriter _kube;
    private readonly ControllerRuntime _runtime;
    private readonly ControllerMetrics _metrics;
    private readonly RetryPolicy _retry;
    private readonly Func<IActorRef?> _nodes;
    private readonly ILoggingAdapter _log;
    private readonly RouteBatch _batch;

    private readonly Dictionary<NodeKey, Contribution> _reports = [];
    private HashSet<(NodeKey, PodRoute)> _refusalsReported = [];
    private VrfRouteTable? _table;
    private EquatableArray<OwnedRoute>? _blocked;
    private bool _reread;
    private bool _dirty;
    private bool _idleLogged;
    private int _failures;
    private int _staleInARow;
    private TimeSpan? _wakeIn;
    private long? _epoch;
    private long? _supersededBy;
    private readonly CancellationTokenSource _stopping = new();

    public VrfActor(
        string entityId, IVrfContextClient client, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime,
        ControllerMetrics metrics, RetryPolicy retry, StaticRouteOptions options, Func<IActorRef?> nodes)
    {
        _key = EntityIds.Vrf(entityId);
        _log = Logging.GetLogger(Context.System, $"Vrf {_key}");
        _client = client;
        _cluster = cluster;
        _kube = kube;
        _runtime = runtime;
        _metrics = metrics;
        _retry = retry;
        _nodes = nodes;
        _batch = new RouteBatch(options);

        Become(Idle);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The actor's props; <paramref name="nodes"/> finds the node-route shard region when nodes must be asked.</summary>
    public static Props PropsFor(
        string entityId, IVrfContextClient client, IClusterState cluster, IKubernetesWriter kube, ControllerRuntime runtime,
        ControllerMetrics metrics, RetryPolicy retry, StaticRouteOptions options, Func<IActorRef?> nodes) =>
        Props.Create(() => new VrfActor(entityId, client, cluster, kube, runtime, metrics, retry, options, nodes));

    protected override void PreStart()
    {
        _metrics.EntityStarted(Kind);
        Timers.StartPeriodicTimer(ResyncTimer, new VrfProtocol.Resync(_key), _runtime.Settings.FullSyncInterval);
        // Started by a report, by remember-entities after a rebalance, or after a crash: read the VRF and hear every node at once.
        Self.Tell(new VrfProtocol.Reconcile(_key));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _metrics.EntityStopped(Kind);
    }

    /// <summary>No call to the controller in flight: every change is decided on at once (a read, a write, or a wake-up at the
    /// end of the window it waits for).</summary>
    private void Idle()
    {
        ReceiveChanges(then: Run);
        Receive<WakeTick>(_ => Run());
        Receive<VrfProtocol.Stop>(_ => Context.Stop(Self));
    }

    /// <summary>The VRF is being read. Nothing is merged before the table is here, so a failed read deletes nothing.</summary>
    private void Reading()
    {
        ReceiveChanges(then: LookAgainAfterTheCall);
        Receive<WakeTick>(_ => LookAgainAfterTheCall());
        Receive<TableRead>(read =>
        {
            Become(Idle);
            if (Accept(read) is { } retry) Wake(retry);
            else Run();
        });
        Receive<ReadFailed>(failed =>
        {
            Become(Idle);
            Wake(Accept(failed));
        });
        Receive<VrfProtocol.Stop>(_ => Become(FinishingBeforeStop));
    }

    /// <summary>Our routes are being written. Changes arriving meanwhile coalesce into one more pass once it is answered.</summary>
    private void Writing()
    {
        ReceiveChanges(then: LookAgainAfterTheCall);
        Receive<WakeTick>(_ => LookAgainAfterTheCall());
        Receive<Written>(written =>
        {
            Become(Idle);
            Accept(written);
            if (_dirty) Run();
            else Converged(written.Merge);
        });
        Receive<WriteFailed>(failed =>
        {
            Become(Idle);
            var retry = Accept(failed);
            if (retry == TimeSpan.Zero) Run();
            else if (retry is { } delay) Wake(delay);
        });
        Receive<VrfProtocol.Stop>(_ => Become(FinishingBeforeStop));
    }

    /// <summary>Handed off while a call was in flight: the call is let land (so no PUT of ours races the next owner's), nothing
    /// new starts, and the actor stops. Later reports and ticks are the next owner's business.</summary>
    private void FinishingBeforeStop()
    {
        Receive<TableRead>(read => StopAfter(() => Accept(read)));
        Receive<ReadFailed>(failed => StopAfter(() => Accept(failed)));
        Receive<Written>(written => StopAfter(() => Accept(written)));
        Receive<WriteFailed>(failed => StopAfter(() => Accept(failed)));
        Receive<VrfProtocol.NodeReport>(_ => { });
        Receive<VrfProtocol.Reconcile>(_ => { });
        Receive<VrfProtocol.Resync>(_ => { });
        Receive<WakeTick>(_ => { });
        Receive<VrfProtocol.Stop>(_ => { });
    }

    /// <summary>Reports, reconcile requests and resyncs: recorded in every state but the last; <paramref name="then"/> says
    /// whether to decide now (idle) or after the call in flight.</summary>
    private void ReceiveChanges(Action then)
    {
        Receive<VrfProtocol.NodeReport>(report =>
        {
            if (!Record(report)) return;
            _batch.Changed(Now);
            then();
        });
        Receive<VrfProtocol.Reconcile>(_ =>
        {
            _batch.Changed(Now);
            then();
        });
        Receive<VrfProtocol.Resync>(_ =>
        {
            _reread = true;
            AskNodes(_cluster.GetNodes().Select(n => n.Key).Concat(_reports.Keys).Distinct());
            _batch.Asked(Now);
            _batch.Changed(Now);
            then();
        });
    }

    private void LookAgainAfterTheCall() => _dirty = true;

    private void StopAfter(Action accept)
    {
        accept();
        Context.Stop(Self);
    }

    private AviCallContext CallContext => new(_key.Tenant, "static-routes", Epoch: _epoch);

    private string ClusterName => _runtime.Settings.ClusterName;

    /// <summary>Keeps a node's newest report; true when it changes what that node contributes.</summary>
    private bool Record(VrfProtocol.NodeReport report)
    {
        var routes = report.Routes.Select(r => PodRoute.TryParse(r.Prefix, r.NextHop)).OfType<PodRoute>().ToEquatableArray();
        var contribution = report.Exists ? new Contribution(routes, report.NodeCreated) : null;
        var before = _reports.GetValueOrDefault(report.Node);
        if (contribution is null) _reports.Remove(report.Node);
        else _reports[report.Node] = contribution;
        return before != contribution;
    }

    private DateTimeOffset Now => _runtime.Time.GetUtcNow();

    /// <summary>Decides what to do now; every reason to look again later (settling, missing reports, re-asking) is folded into
    /// one timer at the earliest of them.</summary>
    private void Run()
    {
        _wakeIn = null;
        Decide();
        if (_wakeIn is { } delay) Wake(delay);
    }

    private void Decide()
    {
        _dirty = false;
        if (_supersededBy is not null) return;
        if (!_runtime.MayWrite)
        {
            WakeWithin(TimeSpan.FromSeconds(1));
            return;
        }
        var deleteConfig = _runtime.DeleteConfig;
        if (!deleteConfig && !StaticRoutePolicy.IsEnabled(_runtime.Settings))
        {
            if (!_idleLogged) _log.Info("VRF {Vrf}: static route sync is off (disableStaticRouteSync or NodePort mode); not touching its routes", _key);
            _idleLogged = true;
            _batch.Taken();
            return;
        }
        if (_reread)
        {
            _reread = false;
            _table = null;
        }
        if (_table is null)
        {
            Read();
            return;
        }

        var now = Now;
        // Settling first: during a burst of reports the (linear) completeness check runs once per settle, not per report.
        if (!deleteConfig && Settling(now)) return;
        var everyNodeReported = deleteConfig || HearFromEveryNode(now);
        if (!deleteConfig && WaitingForReports(now, everyNodeReported)) return;

        var claims = deleteConfig
            ? []
            : _reports.SelectMany(r => r.Value.Routes.Select(route => new RouteClaim(r.Key, route, r.Value.Created))).ToList();
        var result = StaticRouteMerge.Merge(_table.Routes, claims, ClusterName, everyNodeReported);
        ReportRefusals(result.Refusals);
        if (!result.Changed)
        {
            Converged(result);
            return;
        }
        if (_blocked is { } blocked && blocked == result.Routes)
        {
            // The controller refused exactly these routes before; it would only refuse them again.
            _batch.Taken();
            _metrics.Reconciled(Kind, "blocked", TimeSpan.Zero);
            return;
        }
        Write(result);
    }

    /// <summary>True when every node this replica knows has reported; asks the missing ones (and the ones it no longer sees) again.</summary>
    private bool HearFromEveryNode(DateTimeOffset now)
    {
        var known = _cluster.GetNodes().Select(n => n.Key).ToHashSet();
        var missing = known.Where(k => !_reports.ContainsKey(k)).ToList();
        var vanished = _reports.Keys.Where(k => !known.Contains(k)).ToList();
        if (missing.Count + vanished.Count > 0 && now >= _batch.NextAsk)
        {
            _batch.Asked(now);
            AskNodes(missing.Concat(vanished));
        }
        if (missing.Count + vanished.Count > 0)
        {
            // Keep asking until the picture is whole, even if no report ever arrives again.
            WakeWithin(_batch.NextAsk - now);
        }
        _batch.Heard(everyNode: missing.Count == 0, now);
        return missing.Count == 0;
    }

    /// <summary>True while a burst of changes is still arriving (bounded by <see cref="StaticRouteOptions.MaxDelay"/>).</summary>
    private bool Settling(DateTimeOffset now)
    {
        if (_batch.SettlingUntil(now) is not { } due) return false;
        WakeWithin(due - now);
        return true;
    }

    /// <summary>True while some known node has not reported and <see cref="StaticRouteOptions.ReportWait"/> has not passed.</summary>
    private bool WaitingForReports(DateTimeOffset now, bool everyNodeReported)
    {
        if (everyNodeReported || _batch.AwaitingReportsUntil(now) is not { } until) return false;
        WakeWithin(until - now);
        return true;
    }

    private void AskNodes(IEnumerable<NodeKey> keys)
    {
        if (_nodes() is not { } nodes) return;
        foreach (var key in keys) nodes.Tell(new NodeRouteProtocol.Reconcile(key));
    }

    private void Read()
    {
        Become(Reading);
        _client.ReadAsync(_key.Vrf, _runtime.Settings.CloudName, CallContext, _stopping.Token).PipeTo(
            Self,
            success: table => new TableRead(table),
            failure: exception => new ReadFailed(Classify(exception)));
    }

    /// <summary>Keeps the table read; when the VRF does not exist, returns when to look for it again.</summary>
    private TimeSpan? Accept(TableRead read)
    {
        if (read.Table is null)
        {
            _failures++;
            var delay = _retry.Exponential(_failures);
            _log.Warning("VRF context {Vrf} does not exist in cloud {Cloud}; static routes cannot be programmed (vrfName setting). Looking again in {RetryIn}",
                _key, _runtime.Settings.CloudName, delay);
            _metrics.Reconciled(Kind, "vrf-missing", TimeSpan.Zero);
            return delay;
        }
        _table = read.Table;
        if (_epoch is { } mine && read.Table.NewestEpoch(ClusterName) is { } newest && newest > mine)
        {
            _supersededBy = newest;
            _log.Warning("VRF {Vrf}: a newer owner (epoch {NewerEpoch}, ours {Epoch}) has written its static routes; this replica no longer owns them and writes nothing",
                _key, newest, mine);
            _metrics.Reconciled(Kind, "superseded", TimeSpan.Zero);
        }
        return null;
    }

    /// <summary>Counts a failed read; returns when to read again.</summary>
    private TimeSpan Accept(ReadFailed failed)
    {
        // A failed read never leads to a deletion: nothing is merged until the VRF has been read.
        _failures++;
        var delay = _retry.DelayAfter(failed.Error, _failures) ?? _retry.Exponential(_failures);
        _log.Warning("Reading VRF {Vrf} failed with {AviStatus}: {AviError}; retrying in {RetryIn}", _key, failed.Error.Status, failed.Error.Message, delay);
        _metrics.Reconciled(Kind, "read-failed", TimeSpan.Zero);
        return delay;
    }

    private void Write(RouteMergeResult result)
    {
        Become(Writing);
        _batch.Taken();
        var basis = _table!;
        _epoch ??= OwnerEpoch.Next(_runtime.Time.GetUtcNow(), basis.OwnedBy(ClusterName).Select(r => r.Epoch));
        _log.Info("VRF {Vrf}: writing {Routes} static route(s) of ours ({RouteChanges}); holding {Held} of nodes not heard from yet", _key, result.Routes.Count,
            Describe(basis, result), result.Held.Count);
        _client.WriteRoutesAsync(basis, result.Routes, ClusterName, CallContext, _stopping.Token).PipeTo(
            Self,
            success: table => new Written(result, table),
            failure: exception => new WriteFailed(result, Classify(exception)));
    }

    /// <summary>Keeps the table as written (the basis of the next merge) and forgets past failures.</summary>
    private void Accept(Written written)
    {
        _table = written.Table;
        _failures = 0;
        _staleInARow = 0;
        _blocked = null;
    }

    /// <summary>Counts a failed write; returns when to try again: zero for at once, null for not until a node changes.</summary>
    private TimeSpan? Accept(WriteFailed failed)
    {
        _failures++;
        // Whatever went wrong, the next attempt merges again from the newest reports (never replays this body).
        _batch.Retry(Now);
        TimeSpan? delay;
        switch (failed.Error.Kind)
        {
            case AviErrorKind.Stale:
                // Someone else wrote the VRF since our read: read it again and merge, so both changes survive.
                _table = null;
                _staleInARow++;
                delay = _staleInARow <= ImmediateStaleRetries ? TimeSpan.Zero : _retry.Exponential(_staleInARow - ImmediateStaleRetries);
                _log.Info("VRF {Vrf} changed on the controller since it was read (412); reading it again and merging", _key);
                break;
            case AviErrorKind.NotFound:
                _table = null;
                delay = _retry.Exponential(_failures);
                _log.Warning("VRF {Vrf} vanished from the controller while writing its routes; looking again in {RetryIn}", _key, delay);
                break;
            case AviErrorKind.Rejected:
                _blocked = failed.Merge.Routes;
                delay = null;
                _log.Error("The Avi Controller refused the static routes of VRF {Vrf} with {AviStatus}: {AviError}. Not retrying until a node changes", _key, failed.Error.Status, failed.Error.Message);
                break;
            default:
                delay = _retry.DelayAfter(failed.Error, _failures) ?? _retry.Exponential(_failures);
                _log.Warning("Writing the static routes of VRF {Vrf} failed with {AviStatus}: {AviError}; retrying in {RetryIn}", _key, failed.Error.Status, failed.Error.Message, delay);
                break;
        }
        _metrics.Reconciled(Kind, failed.Error.Kind == AviErrorKind.Stale ? "stale" : "failed", TimeSpan.Zero);
        return delay;
    }

    private void Converged(RouteMergeResult result)
    {
        var latency = _batch.Converged(Now);
        _metrics.Reconciled(Kind, result.Held.Count > 0 || result.Deferred.Count > 0 ? "partial" : "converged", latency);
    }

    /// <summary>Warning events on nodes whose CIDR overlaps an earlier one; each refusal once while it lasts.</summary>
    private void ReportRefusals(IReadOnlyList<RouteRefusal> refusals)
    {
        var current = refusals.Select(r => (r.Node, r.Route)).ToHashSet();
        foreach (var refusal in refusals.Where(r => !_refusalsReported.Contains((r.Node, r.Route))))
        {
            _log.Warning("VRF {Vrf}: {Problem}", _key, refusal.Message);
            var problem = refusal.AsProblem();
            var uid = _cluster.GetNode(refusal.Node)?.Uid;
            _ = _kube.RecordEventAsync(KubeObjectRef.Node(refusal.Node, uid), KubeEvent.WarningEvent(problem.Reason, problem.Message), _stopping.Token)
                .ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);
        }
        _refusalsReported = current;
    }

    private void WakeWithin(TimeSpan delay) => _wakeIn = _wakeIn is { } earlier && earlier < delay ? earlier : delay;

    private void Wake(TimeSpan delay) => Timers.StartSingleTimer(WakeTimer, WakeTick.Instance, delay < TimeSpan.Zero ? TimeSpan.Zero : delay);

    private string Describe(VrfRouteTable basis, RouteMergeResult result)
    {
        var before = basis.OwnedBy(ClusterName).ToDictionary(r => r.RouteId, r => r.AsPodRoute(), StringComparer.Ordinal);
        var added = result.Routes.Count(r => !before.ContainsKey(r.RouteId));
        var updated = result.Routes.Count(r => before.TryGetValue(r.RouteId, out var old) && old != r.Route);
        var removed = before.Keys.Count(id => result.Routes.All(r => r.RouteId != id));
        return $"+{added} ~{updated} -{removed}";
    }

    private static AviError Classify(Exception exception) =>
        exception is AviApiException api ? api.Error : AviErrorClassifier.Unreachable(exception);

    /// <summary>What one node contributes, as last reported.</summary>
    private sealed record Contribution(EquatableArray<PodRoute> Routes, DateTimeOffset? Created);

    private sealed record TableRead(VrfRouteTable? Table) : INoSerializationVerificationNeeded;

    private sealed record ReadFailed(AviError Error) : INoSerializationVerificationNeeded;

    private sealed record Written(RouteMergeResult Merge, VrfRouteTable Table) : INoSerializationVerificationNeeded;

    private sealed record WriteFailed(RouteMergeResult Merge, AviError Error) : INoSerializationVerificationNeeded;

    private sealed class WakeTick : INoSerializationVerificationNeeded
    {
        public static WakeTick Instance { get; } = new();
    }
}
