using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;

namespace AkoActors.Actors.Sharding;

/// <summary>Tells the cluster whether this replica can do the work, and keeps this replica's view of every member's answer:
/// a replicated set of ready member incarnations (distributed data), to which each replica adds itself while it is ready
/// and from which it removes itself when it is not. The shard coordinator reads the set through
/// <see cref="ReadyMembersAllocationStrategy"/>.</summary>
public sealed class ReadinessPublisherActor : ReceiveActor, IWithTimers
{
    /// <summary>How often this replica's readiness is looked at (cheap: a few flags).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(500);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Func<string?> _unreadyBecause;
    private readonly ReadyMembers _view;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private bool? _published;
    private int _writesInFlight;

    /// <param name="unreadyBecause">Why this replica cannot do the work now, or null when it can.</param>
    public ReadinessPublisherActor(Func<string?> unreadyBecause, ReadyMembers view)
    {
        _unreadyBecause = unreadyBecause;
        _view = view;
        Receive<Check>(_ => OnCheck());
        Receive<Changed>(OnChanged);
        Receive<UpdateSuccess>(_ => _writesInFlight--);
        Receive<IUpdateFailure>(failure =>
        {
            _writesInFlight--;
            if (failure.Request is not Publishing)
            {
                _log.Warning("Removing a departed member's readiness entry failed ({Failure}); the next departure or its own restart removes it", failure);
                return;
            }
            _log.Warning("Publishing this replica's readiness failed ({Failure}); retrying", failure);
            _published = null;
        });
        Receive<ClusterEvent.MemberRemoved>(removed => Forget(removed.Member.UniqueAddress));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(Func<string?> unreadyBecause, ReadyMembers view) => Props.Create(() => new ReadinessPublisherActor(unreadyBecause, view));

    protected override void PreStart()
    {
        _replicator.Tell(Dsl.Subscribe(ReadyMembers.ReplicatedKey, Self));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
        Timers.StartPeriodicTimer("check", Check.Instance, TimeSpan.Zero, CheckInterval);
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnCheck()
    {
        // Publishing needs distributed data, which works only once this replica is a member.
        if (_cluster.SelfMember.Status != MemberStatus.Up) return;
        var reason = _unreadyBecause();
        var ready = reason is null;
        if (ready == _published) return;
        var self = ReadyMembers.Key(_cluster.SelfUniqueAddress);
        if (ready)
        {
            _log.Info("Ready to host owners: {Member}", self);
        }
        else
        {
            _log.Warning("Not ready to host owners ({Reason}): sharding moves this replica's owners to ready replicas", reason);
        }
        var node = _cluster.SelfUniqueAddress;
        _writesInFlight++;
        _replicator.Tell(Dsl.Update(ReadyMembers.ReplicatedKey, ORSet<string>.Empty, WriteLocal.Instance, Publishing.Instance, set =>
        {
            // Incarnations of this address that died without removing themselves go too.
            var cleaned = set.Elements.Where(e => e != self && e.StartsWith($"{node.Address}#", StringComparison.Ordinal))
                .Aggregate(set, (current, stale) => current.Remove(node, stale));
            return ready ? cleaned.Add(node, self) : cleaned.Remove(node, self);
        }));
        _published = ready;
    }

    /// <summary>Mirrors the replicated set, and writes this replica's answer again when the set no longer shows it.</summary>
    /// <remarks>Once written, an entry should stay until this replica removes it; but a replica that trusted that saw its
    /// entry vanish while two members rejoined at the addresses of two that had left (under load, after its own write had
    /// been applied), and with it gone the coordinator moved every owner off it and never back. What is written is
    /// therefore checked against every later view: a replica that is ready and not in the set adds itself again (a new
    /// dot, which no replica has seen removed), one that is not ready and still in it removes itself again. The check
    /// waits while a write of its own is on its way, since a view sent before the replicator applied it cannot show it.</remarks>
    private void OnChanged(Changed changed)
    {
        var set = changed.Get(ReadyMembers.ReplicatedKey);
        _view.Replace(set.Elements);
        if (_writesInFlight > 0 || _published is not { } published) return;
        var self = ReadyMembers.Key(_cluster.SelfUniqueAddress);
        if (set.Contains(self) == published) return;
        _log.Warning("The replicated ready set {Shows} this replica ({Member}), which published itself {State}; publishing it again " +
            "(members ready in this replica's view: {Ready})", published ? "lost" : "still lists", self, published ? "ready" : "not ready",
            string.Join(", ", set.Elements.Order(StringComparer.Ordinal)));
        _published = null;
    }

    /// <summary>A removed member incarnation never comes back (a restarted replica is a new incarnation), so its entry is
    /// removed by whoever sees it go; without this, each replica that left without withdrawing stayed in the set forever.</summary>
    private void Forget(UniqueAddress removed)
    {
        var entry = ReadyMembers.Key(removed);
        if (!_view.Current.Contains(entry) || _cluster.SelfMember.Status != MemberStatus.Up) return;
        var node = _cluster.SelfUniqueAddress;
        _writesInFlight++;
        _replicator.Tell(Dsl.Update(ReadyMembers.ReplicatedKey, ORSet<string>.Empty, WriteLocal.Instance, set => set.Contains(entry) ? set.Remove(node, entry) : set));
    }

    /// <summary>Marks this replica's own readiness writes (the other writes remove departed members' entries).</summary>
    private sealed class Publishing : INoSerializationVerificationNeeded
    {
        public static Publishing Instance { get; } = new();
    }

    private sealed class Check : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static Check Instance { get; } = new();
    }
}
