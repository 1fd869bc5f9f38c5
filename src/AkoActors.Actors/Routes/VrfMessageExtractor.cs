using Akka.Cluster.Sharding;

namespace AkoActors.Actors.Routes;

/// <summary>Routes VRF messages by entity id with a stable hash; a cluster has one VRF entity, so a few shards are plenty.</summary>
public sealed class VrfMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    public const int ShardCount = 10;

    public override string? EntityId(object message) => (message as VrfProtocol.IVrfMessage)?.Key.EntityId;
}
