using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.Leases;

namespace AkoActors.Actors.Runtime;

/// <summary>Keeps one AkoActors cluster writing per clusterName: the oldest member of the cluster holding a Kubernetes Lease
/// renews it; every member lets its owners write only while its cluster holds it.</summary>
/// <remarks>
/// A second cluster for the same clusterName (a replica restarted with a command that formed a cluster of its own, a
/// second Deployment, a split brain that survived) finds the Lease held by members it does not know and writes nothing —
/// its replicas say why in /readyz and a Warning event on the Lease — until the holder's Lease expires. The Lease names
/// the holder's members (unique addresses, incarnation included), so when the renewing member dies the next oldest
/// recognises the Lease as its cluster's and carries on renewing, while a restarted incarnation of the dead member that
/// formed a new cluster does not. After a split only the side with a majority of the listed members (the renewer's half
/// on an even split) holds it; a member that the holding cluster has dropped downs itself.
/// A member stops writing <see cref="LeaseOptions.SafetyMargin"/> before the Lease it last
/// confirmed would expire, so a cluster cut off from Kubernetes has stopped before anyone else may take over.
/// </remarks>
public sealed class ClusterLeaseActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IClusterLeaseStore _store;
    private readonly ControllerRuntime _runtime;
    private readonly IKubernetesWriter _events;
    private readonly KubeObjectRef _leaseRef;
    private readonly LeaseOptions _options;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private bool _busy;
    private string? _reported;
    private bool _listed;
    private bool _leaving;
    private readonly HashSet<string> _departed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public ClusterLeaseActor(IClusterLeaseStore store, ControllerRuntime runtime, IKubernetesWriter events, KubeObjectRef leaseRef, LeaseOptions options)
    {
        _store = store;
        _runtime = runtime;
        _events = events;
        _leaseRef = leaseRef;
        _options = options;
        _runtime.ClusterLeaseProblem = "the cluster Lease has not been checked yet";
        Receive<Tick>(_ => OnTick());
        Receive<LeaseRead>(OnRead);
        Receive<LeaseWritten>(OnWritten);
        Receive<ClusterEvent.MemberRemoved>(OnMemberRemoved);
        Receive<Status.Failure>(failure =>
        {
            _busy = false;
            _log.Warning("Reading or renewing the cluster Lease {Lease} failed: {Reason}", _leaseRef.Name, failure.Cause.Message);
            Evaluate("the cluster Lease could not be read or renewed: " + failure.Cause.Message);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(IClusterLeaseStore store, ControllerRuntime runtime, IKubernetesWriter events, KubeObjectRef leaseRef, LeaseOptions options) =>
        Props.Create(() => new ClusterLeaseActor(store, runtime, events, leaseRef, options));

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
        Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.Zero, _options.RenewInterval);
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void OnTick()
    {
        if (_busy) return;
        if (_cluster.SelfMember.Status != MemberStatus.Up)
        {
            Evaluate("this replica is not an Up member of its cluster yet");
            // Look again soon rather than a whole interval later: a new cluster should hold the Lease as soon as it can.
            Timers.StartSingleTimer("soon", Tick.Instance, TimeSpan.FromMilliseconds(200));
            return;
        }
        _busy = true;
        _store.ReadAsync(_stopping.Token).PipeTo(Self, success: record => new LeaseRead(record));
    }

    private void OnRead(LeaseRead read)
    {
        _busy = false;
        var now = _runtime.Time.GetUtcNow();
        var members = _cluster.State.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.WeaklyUp)
            .Select(m => MemberIncarnation.Name(m.UniqueAddress)).ToHashSet(StringComparer.Ordinal);
        var record = read.Record;
        var self = MemberIncarnation.Name(_cluster.SelfUniqueAddress);
        if (record is not null) _departed.IntersectWith(record.Members);
        var ours = record is null || record.IsHeldBy(members, _departed);
        var expired = record is null || record.IsExpiredAt(now);
        if (record is not null && !expired && record.Members.Contains(self)) _listed = true;
        if (record is not null && record.HasRemoved(self, _listed, members, now, _departed))
        {
            LeaveRemovedCluster(record);
            return;
        }
        if (ours && !expired) Confirm(record!.RenewTime + record.Duration);
        if (IsRenewer() && (ours || expired))
        {
            var renewed = new ClusterLeaseRecord(MemberIncarnation.Name(_cluster.SelfUniqueAddress), members.Order(StringComparer.Ordinal).ToList(), now,
                _options.Duration, record?.ResourceVersion);
            _busy = true;
            _store.TryWriteAsync(renewed, _stopping.Token).PipeTo(Self, success: written => new LeaseWritten(written, renewed));
            return;
        }
        Evaluate(ours
            ? "the cluster Lease has expired and the renewing member has not renewed it yet"
            : $"Lease {_leaseRef.Namespace}/{_leaseRef.Name} is held by another AkoActors cluster for clusterName {_runtime.Settings.ClusterName} " +
              $"(holder {record!.Holder}, renewed {record.RenewTime:O}). Only one cluster may write for a clusterName: stop the other " +
              "cluster, or start every replica with the same seed list (or discovery) so they form one; this cluster writes nothing " +
              "until that Lease expires");
    }

    /// <summary>The cluster that holds the Lease once counted this member and has moved on without it (it was downed on the
    /// other side of a partition, while its own side downed the others and lived on as a cluster of its own). Such a
    /// member would never write again, and never be replaced either: it downs itself, so the process exits and is
    /// restarted (by the kubelet) as a new incarnation that joins the cluster holding the Lease.</summary>
    private void LeaveRemovedCluster(ClusterLeaseRecord record)
    {
        _runtime.ClusterLeaseValidUntil = DateTimeOffset.MinValue;
        _runtime.ClusterLeaseProblem = "the cluster holding the Lease has removed this replica; it is leaving to rejoin as a new member";
        if (_leaving) return;
        _leaving = true;
        _log.Warning(
            "Lease {Lease} is held by a cluster that removed this replica (holder {Holder}, members {Members}): this replica's own " +
            "cluster split off from it. Downing this replica so it restarts and joins the cluster that holds the Lease",
            _leaseRef.Name, record.Holder, string.Join(", ", record.Members));
        _cluster.Down(_cluster.SelfAddress);
    }

    /// <summary>A member that exited gracefully (a scale-in, a rolling update) is gone, not cut off: it no longer counts
    /// among the members the Lease lists, and the renewer writes the smaller membership at once.</summary>
    private void OnMemberRemoved(ClusterEvent.MemberRemoved removed)
    {
        if (removed.PreviousStatus != MemberStatus.Exiting) return;
        _departed.Add(MemberIncarnation.Name(removed.Member.UniqueAddress));
        Self.Tell(Tick.Instance);
    }

    private void OnWritten(LeaseWritten written)
    {
        _busy = false;
        if (written.Succeeded) Confirm(written.Record.RenewTime + written.Record.Duration);
        else _log.Info("The cluster Lease {Lease} changed while being renewed; reading it again", _leaseRef.Name);
        Evaluate("the cluster Lease changed while being renewed");
    }

    private void Confirm(DateTimeOffset expires)
    {
        var until = expires - _options.SafetyMargin;
        if (until > _runtime.ClusterLeaseValidUntil) _runtime.ClusterLeaseValidUntil = until;
    }

    /// <summary>Publishes whether this replica may write now, and says so once per change of reason.</summary>
    private void Evaluate(string reasonIfNotHeld)
    {
        var held = _runtime.Time.GetUtcNow() < _runtime.ClusterLeaseValidUntil;
        var problem = held ? null : reasonIfNotHeld;
        _runtime.ClusterLeaseProblem = problem;
        if (problem == _reported) return;
        _reported = problem;
        if (problem is null)
        {
            _log.Info("This cluster holds the cluster Lease {Lease}", _leaseRef.Name);
            return;
        }
        _log.Warning("Not writing: {Reason}", problem);
        if (problem.Contains("another AkoActors cluster", StringComparison.Ordinal))
        {
            _ = _events.RecordEventAsync(_leaseRef, KubeEvent.WarningEvent("SecondCluster", problem), _stopping.Token)
                .ContinueWith(t => t.Exception?.Handle(_ => true), TaskScheduler.Default);
        }
    }

    /// <summary>The oldest Up member renews; the others only read.</summary>
    private bool IsRenewer()
    {
        var oldest = _cluster.State.Members.Where(m => m.Status == MemberStatus.Up).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();
        return oldest is not null && oldest.UniqueAddress.Equals(_cluster.SelfUniqueAddress);
    }

    private sealed record LeaseRead(ClusterLeaseRecord? Record) : INoSerializationVerificationNeeded;

    private sealed record LeaseWritten(bool Succeeded, ClusterLeaseRecord Record) : INoSerializationVerificationNeeded;

    private sealed class Tick : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static Tick Instance { get; } = new();
    }
}
