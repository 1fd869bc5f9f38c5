using Akka.Cluster.Sharding;

namespace AkoActors.Actors.SharedVirtualServices;

/// <summary>Routes shared-VS messages by entity id (MurmurHash, the same on every replica).</summary>
public sealed class SharedVsMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    /// <summary>At most eight shared VSes per tenant (LARGE), so a few Akka shards spread them well.</summary>
    public const int ShardCount = 16;

    public override string? EntityId(object message) => (message as SharedVsProtocol.ISharedVsMessage)?.Key.EntityId;
}
