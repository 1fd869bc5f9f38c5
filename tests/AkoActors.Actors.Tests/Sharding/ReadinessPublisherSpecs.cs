using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.TestKit.Xunit2;
using AkoActors.Actors.Sharding;
using Xunit;

namespace AkoActors.Actors.Tests.Sharding;

/// <summary>The replicated ready set, in a real cluster of actor systems on loopback: a replica publishes whether it can
/// do the work, keeps its entry there against whatever removes it, withdraws it when it cannot, and the entry of a member
/// that left is removed by those that saw it go (a departed incarnation never returns).</summary>
public sealed class ReadinessPublisherSpecs : TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly Config ClusterConfig = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.cluster.jmx.enabled = off
        akka.loglevel = INFO
        """);

    private readonly ReadyMembers _view = new();
    private string? _unreadyBecause;

    public ReadinessPublisherSpecs() : base(ClusterConfig)
    {
    }

    [Fact]
    public async Task A_ready_replica_whose_entry_vanishes_from_the_replicated_set_writes_it_again()
    {
        var self = await StartReadyReplicaAsync();
        var entry = ReadyMembers.Key(self);

        // Whatever removes it (another writer, a merge that dropped it): the replica does not trust what it wrote once.
        await EventFilter.Warning(contains: "lost this replica").ExpectOneAsync(Patience, async () =>
        {
            DistributedData.Get(Sys).Replicator.Tell(Dsl.Update(ReadyMembers.ReplicatedKey, ORSet<string>.Empty, WriteLocal.Instance,
                set => set.Remove(self, entry)), TestActor);
            await ExpectMsgAsync<UpdateSuccess>();
        });

        await AwaitAssertAsync(async () => Assert.Contains(entry, await ReplicatedSetAsync(Sys)), Patience);
        await AwaitAssertAsync(() => Assert.True(_view.Contains(self)), Patience);
    }

    [Fact]
    public async Task A_replica_that_cannot_do_the_work_withdraws_its_entry_and_publishes_it_again_once_it_can()
    {
        var self = await StartReadyReplicaAsync();

        _unreadyBecause = "the Avi Controller refuses the credentials";
        await AwaitAssertAsync(() => Assert.False(_view.Contains(self)), Patience);
        Assert.DoesNotContain(ReadyMembers.Key(self), await ReplicatedSetAsync(Sys));

        _unreadyBecause = null;
        await AwaitAssertAsync(() => Assert.True(_view.Contains(self)), Patience);
    }

    [Fact]
    public async Task A_member_that_left_has_its_entry_removed_by_the_members_that_saw_it_go()
    {
        var self = await StartReadyReplicaAsync();
        var other = ActorSystem.Create(Sys.Name, ClusterConfig);
        try
        {
            var otherCluster = Cluster.Get(other);
            otherCluster.Join(Cluster.Get(Sys).SelfAddress);
            var otherView = new ReadyMembers();
            other.ActorOf(ReadinessPublisherActor.PropsFor(() => null, otherView), "readiness");
            var otherEntry = ReadyMembers.Key(otherCluster.SelfUniqueAddress);
            await AwaitAssertAsync(() => Assert.True(_view.Contains(otherCluster.SelfUniqueAddress) && otherView.Contains(self)), Patience);

            // It leaves as a scaled-in pod does, never saying it is no longer ready.
            await otherCluster.LeaveAsync();
            await other.Terminate();

            await AwaitAssertAsync(async () => Assert.DoesNotContain(otherEntry, await ReplicatedSetAsync(Sys)), Patience);
            await AwaitAssertAsync(() => Assert.DoesNotContain(otherEntry, _view.Current), Patience);
            Assert.True(_view.Contains(self));
        }
        finally
        {
            await other.Terminate();
        }
    }

    private async Task<UniqueAddress> StartReadyReplicaAsync()
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        await AwaitConditionAsync(() => Task.FromResult(cluster.SelfMember.Status == MemberStatus.Up), Patience);
        Sys.ActorOf(ReadinessPublisherActor.PropsFor(() => _unreadyBecause, _view), "readiness");
        await AwaitAssertAsync(() => Assert.True(_view.Contains(cluster.SelfUniqueAddress)), Patience);
        return cluster.SelfUniqueAddress;
    }

    private async Task<IReadOnlySet<string>> ReplicatedSetAsync(ActorSystem system)
    {
        var response = await DistributedData.Get(system).Replicator.Ask<IGetResponse>(Dsl.Get(ReadyMembers.ReplicatedKey, ReadLocal.Instance), Patience);
        return response is GetSuccess success ? success.Get(ReadyMembers.ReplicatedKey).Elements.ToHashSet() : new HashSet<string>();
    }
}
