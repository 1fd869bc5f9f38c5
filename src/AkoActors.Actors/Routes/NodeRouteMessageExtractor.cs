using Akka.Cluster.Sharding;

namespace AkoActors.Actors.Routes;

/// <summary>Routes node messages by entity id; the shard is MurmurHash(entity id) mod <see cref="ShardCount"/>, the same on every replica.</summary>
public sealed class NodeRouteMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    /// <summary>About ten shards per replica for up to five replicas, as for Services.</summary>
    public const int ShardCount = 50;

    public override string? EntityId(object message) => (message as NodeRouteProtocol.INodeRouteMessage)?.Key.EntityId;
}
