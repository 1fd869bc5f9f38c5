using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Sharding;
using Xunit;

namespace AkoActors.Actors.Tests.Sharding;

/// <summary>Owners go only to replicas that can do the work: a new shard is never given to an unready region, the shards an
/// unready region holds are moved off at the next rebalance, and with no ready region nothing moves and a new shard is parked
/// on the region that asked (until a rebalance finds a ready one). Among ready regions the wrapped strategy decides, seeing only them.</summary>
public sealed class ReadyMembersAllocationStrategySpecs : TestKit
{
    private readonly IActorRef _ready;
    private readonly IActorRef _unready;
    private readonly HashSet<IActorRef> _readyRegions = [];
    private readonly RecordingStrategy _inner = new();
    private readonly ReadyMembersAllocationStrategy _strategy;

    public ReadyMembersAllocationStrategySpecs()
    {
        _ready = CreateTestProbe("ready-region").Ref;
        _unready = CreateTestProbe("unready-region").Ref;
        _readyRegions.Add(_ready);
        _strategy = new ReadyMembersAllocationStrategy(region => _readyRegions.Contains(region), _inner);
        _strategy.Start(Sys);
    }

    [Fact]
    public async Task A_shard_asked_for_by_an_unready_replica_is_allocated_to_a_ready_one()
    {
        var allocated = await _strategy.AllocateShard(_unready, "7", Allocations(("1", _ready), ("2", _unready)));

        Assert.Equal(_ready, allocated);
        Assert.Equal([_ready], _inner.SeenRegions);
    }

    [Fact]
    public async Task With_no_ready_replica_a_new_shard_is_parked_on_the_region_that_asked_and_moved_once_another_is_ready()
    {
        _readyRegions.Clear();

        var allocated = await _strategy.AllocateShard(_unready, "7", Allocations(("1", _ready), ("2", _unready)));

        Assert.Equal(_unready, allocated);
        Assert.Empty(_inner.SeenRegions);

        _readyRegions.Add(_ready);
        var moving = await _strategy.Rebalance(Allocations(("1", _ready), ("7", _unready)), ImmutableHashSet<string>.Empty);
        Assert.Equal(["7"], moving);
    }

    [Fact]
    public async Task Every_shard_of_an_unready_replica_is_moved_off_at_the_next_rebalance_except_those_already_moving()
    {
        _inner.RebalanceAnswer = ["1"];

        var moving = await _strategy.Rebalance(Allocations(("1", _ready), ("2", _unready), ("3", _unready), ("4", _unready)), ImmutableHashSet.Create("4"));

        Assert.Equal(["1", "2", "3"], moving.Order(StringComparer.Ordinal));
        Assert.Equal([_ready], _inner.SeenRegions);
    }

    [Fact]
    public async Task With_no_ready_replica_nothing_moves()
    {
        _readyRegions.Clear();

        var moving = await _strategy.Rebalance(Allocations(("1", _ready), ("2", _unready)), ImmutableHashSet<string>.Empty);

        Assert.Empty(moving);
    }

    private static IImmutableDictionary<IActorRef, IImmutableList<string>> Allocations(params (string Shard, IActorRef Region)[] shards)
    {
        var regions = shards.Select(s => s.Region).Distinct().ToList();
        return regions.ToImmutableDictionary(r => r, r => (IImmutableList<string>)shards.Where(s => s.Region.Equals(r)).Select(s => s.Shard).ToImmutableList());
    }

    /// <summary>The wrapped strategy: remembers which regions it was shown, allocates to the first, rebalances as scripted.</summary>
    private sealed class RecordingStrategy : IShardAllocationStrategy
    {
        public List<IActorRef> SeenRegions { get; } = [];

        public string[] RebalanceAnswer { get; set; } = [];

        public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
        {
            SeenRegions.AddRange(currentShardAllocations.Keys);
            return Task.FromResult(currentShardAllocations.Keys.First());
        }

        public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress)
        {
            SeenRegions.AddRange(currentShardAllocations.Keys);
            return Task.FromResult<IImmutableSet<string>>(RebalanceAnswer.ToImmutableHashSet());
        }
    }
}
