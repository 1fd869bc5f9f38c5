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

    private static readonly ORSetKey<string> Key = new("ako-ready-members");
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Func<string?> _unreadyBecause;
    private readonly ReadyMembers _view;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private bool? _published;

    /// <param name="unreadyBecause">Why this replica cannot do the work now, or null when it can.</param>
    public ReadinessPublisherActor(Func<string?> unreadyBecause, ReadyMembers view)
    {
        _unreadyBecause = unreadyBecause;
        _view = view;
        Receive<Check>(_ => OnCheck());
        Receive<Changed>(changed => _view.Replace(changed.Get(Key).Elements));
        Receive<UpdateSuccess>(_ => { });
        Receive<IUpdateFailure>(failure =>
        {
            _log.Warning("Publishing this replica's readiness failed ({Failure}); retrying", failure);
            _published = null;
        });
        Receive<ClusterEvent.MemberUp>(_ => _published = null);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(Func<string?> unreadyBecause, ReadyMembers view) => Props.Create(() => new ReadinessPublisherActor(unreadyBecause, view));

    protected override void PreStart()
    {
        _replicator.Tell(Dsl.Subscribe(Key, Self));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberUp));
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
        _replicator.Tell(Dsl.Update(Key, ORSet<string>.Empty, WriteLocal.Instance, set =>
        {
            // Incarnations of this address that died without removing themselves go too.
            var cleaned = set.Elements.Where(e => e != self && e.StartsWith($"{node.Address}#", StringComparison.Ordinal))
                .Aggregate(set, (current, stale) => current.Remove(node, stale));
            return ready ? cleaned.Add(node, self) : cleaned.Remove(node, self);
        }));
        _published = ready;
    }

    private sealed class Check : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static Check Instance { get; } = new();
    }
}
