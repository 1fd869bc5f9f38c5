using Akka.Cluster.Sharding;

namespace AkoActors.Actors.Services;

/// <summary>Routes Service messages by entity id; the shard is MurmurHash(entity id) mod <see cref="ShardCount"/>, the same on every replica.</summary>
public sealed class ServiceMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    /// <summary>About ten shards per replica for up to five replicas, so rebalancing can spread load evenly.</summary>
    public const int ShardCount = 50;

    public override string? EntityId(object message) => (message as ServiceProtocol.IServiceMessage)?.Key.EntityId;
}
