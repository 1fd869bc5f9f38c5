using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.DependencyInjection;
using Akka.Hosting;

namespace AkoActors.Actors.Sharding;

/// <summary>Starts a shard region whose coordinator allocates only to ready members (<see cref="ReadyMembersAllocationStrategy"/>)
/// and registers it for lookup like Akka.Hosting's <c>WithShardRegion</c> does — which takes no allocation strategy, hence this.</summary>
/// <remarks>The other sharding choices come from hocon/ako-actors.conf, the same for every entity kind:
/// <list type="bullet">
/// <item>Coordinator state and remembered entities in distributed data, in memory only (no durable keys): they survive a
/// replica's death through replication, and a whole-cluster restart re-derives everything from Kubernetes and Avi.</item>
/// <item>Remember entities on: after a rebalance or failover, every tree owner restarts on its new replica at once and
/// reconciles from that replica's warm caches, without waiting for the next Kubernetes event.</item>
/// <item>No idle passivation: an owner costs a few KB and holds the Avi state that makes an unchanged reconcile free;
/// owners leave only when their tree is gone.</item>
/// <item>A hand-off stop message the entity answers only between writes, so two replicas never write one tree.</item>
/// </list></remarks>
public static class ReadyShardRegion
{
    public static AkkaConfigurationBuilder WithReadyShardRegion<TRegion>(
        this AkkaConfigurationBuilder builder,
        string typeName,
        Func<ActorSystem, IActorRegistry, IDependencyResolver, Func<string, Props>> entityPropsFactory,
        IMessageExtractor extractor,
        object handOffStopMessage) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var strategy = ReadyMembersAllocationStrategy.For(system, resolver.GetService<ReadyMembers>());
            var region = ClusterSharding.Get(system).Start(typeName, entityPropsFactory(system, registry, resolver),
                ClusterShardingSettings.Create(system), extractor, strategy, handOffStopMessage);
            registry.Register<TRegion>(region);
        });
}
