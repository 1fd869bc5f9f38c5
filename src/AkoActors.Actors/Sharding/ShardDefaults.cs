using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;

namespace AkoActors.Actors.Sharding;

/// <summary>The sharding choices every entity kind shares, and why.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Coordinator state and remembered entities in distributed data, in memory only (no durable keys): they survive a
/// replica's death through replication, and a whole-cluster restart re-derives everything from Kubernetes and Avi.</item>
/// <item>Remember entities on: after a rebalance or failover, every tree owner restarts on its new replica at once and
/// reconciles from that replica's warm caches, without waiting for the next Kubernetes event.</item>
/// <item>No idle passivation: an owner costs a few KB and holds the Avi state that makes an unchanged reconcile free;
/// owners leave only when their tree is gone.</item>
/// <item>A hand-off stop message the entity answers only between writes, so two replicas never write one tree.</item>
/// </list>
/// </remarks>
public static class ShardDefaults
{
    public static ShardOptions Options(object handOffStopMessage) => new()
    {
        StateStoreMode = StateStoreMode.DData,
        RememberEntities = true,
        RememberEntitiesStore = RememberEntitiesStore.DData,
        ShouldPassivateIdleEntities = false,
        HandOffStopMessage = handOffStopMessage,
    };
}
