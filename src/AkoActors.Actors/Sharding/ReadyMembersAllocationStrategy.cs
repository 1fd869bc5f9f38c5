using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace AkoActors.Actors.Sharding;

/// <summary>Sharding's allocation with one rule on top: owners live only on members that can do the work. A replica that
/// cannot use the Avi Controller or the Kubernetes API is given no shard, and the shards it has are moved away at the next
/// rebalance; among ready members the least-shard strategy decides as before.</summary>
/// <remarks>Without this a replica with a wrong Avi password (or a dead Kubernetes API connection) joined through discovery
/// hosts its share of owners and freezes them. When no member is ready (every replica starting, or a controller outage
/// everywhere) nothing moves, and a new shard is parked on the replica that asked for it: its owners write nothing while
/// their replica is not ready (<c>ControllerRuntime.MayWrite</c>), and the first rebalance after some member is ready moves
/// the shard there if its host is still not. (Failing the allocation instead would make the coordinator log an error for
/// every shard asked for during every start.)</remarks>
public sealed class ReadyMembersAllocationStrategy : IActorSystemDependentAllocationStrategy
{
    private readonly ReadyMembers? _ready;
    private readonly IShardAllocationStrategy _inner;
    private Func<IActorRef, bool>? _isReady;

    public ReadyMembersAllocationStrategy(ReadyMembers ready, IShardAllocationStrategy inner)
    {
        _ready = ready;
        _inner = inner;
    }

    /// <summary>With the readiness of each region decided by <paramref name="isReady"/> (specs script it).</summary>
    public ReadyMembersAllocationStrategy(Func<IActorRef, bool> isReady, IShardAllocationStrategy inner)
    {
        _isReady = isReady;
        _inner = inner;
    }

    /// <summary>The production strategy: least-shard allocation with the limits configured under
    /// <c>akka.cluster.sharding.least-shard-allocation-strategy</c>.</summary>
    public static ReadyMembersAllocationStrategy For(ActorSystem system, ReadyMembers ready)
    {
        var limits = system.Settings.Config.GetConfig("akka.cluster.sharding.least-shard-allocation-strategy");
        return new ReadyMembersAllocationStrategy(ready, ShardAllocationStrategy.LeastShardAllocationStrategy(
            limits.GetInt("rebalance-absolute-limit", 20), limits.GetDouble("rebalance-relative-limit", 0.1)));
    }

    public void Start(ActorSystem system)
    {
        if (_ready is { } ready)
        {
            var cluster = Cluster.Get(system);
            _isReady = region => IsReady(cluster, ready, region);
        }
        if (_inner is IActorSystemDependentAllocationStrategy dependent) dependent.Start(system);
        else if (_inner is IStartableAllocationStrategy startable) startable.Start();
    }

    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        var ready = ReadyOnly(currentShardAllocations);
        if (ready.Count == 0) return Task.FromResult(requester);
        return _inner.AllocateShard(ready.ContainsKey(requester) ? requester : ready.Keys.First(), shardId, ready);
    }

    public async Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress)
    {
        var ready = ReadyOnly(currentShardAllocations);
        if (ready.Count == 0) return ImmutableHashSet<string>.Empty;
        var stranded = currentShardAllocations.Where(region => !ready.ContainsKey(region.Key))
            .SelectMany(region => region.Value)
            .Where(shard => !rebalanceInProgress.Contains(shard));
        var balancing = await _inner.Rebalance(ready, rebalanceInProgress).ConfigureAwait(false);
        return balancing.Union(stranded);
    }

    private IImmutableDictionary<IActorRef, IImmutableList<string>> ReadyOnly(IImmutableDictionary<IActorRef, IImmutableList<string>> allocations) =>
        allocations.Where(region => (_isReady ?? throw new InvalidOperationException("the allocation strategy was used before sharding started it"))(region.Key))
            .ToImmutableDictionary();

    /// <summary>A region is ready when the member incarnation it runs on (this one for a local region) published itself ready.</summary>
    private static bool IsReady(Cluster cluster, ReadyMembers ready, IActorRef region)
    {
        var address = region.Path.Address.HasLocalScope ? cluster.SelfAddress : region.Path.Address;
        var member = cluster.State.Members.FirstOrDefault(m => m.Address == address);
        return member is not null && ready.Contains(member.UniqueAddress);
    }
}
