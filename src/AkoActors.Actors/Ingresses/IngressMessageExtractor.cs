using Akka.Cluster.Sharding;

namespace AkoActors.Actors.Ingresses;

/// <summary>Routes Ingress messages by entity id (MurmurHash, the same on every replica).</summary>
public sealed class IngressMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    public const int ShardCount = 50;

    public override string? EntityId(object message) => (message as IngressProtocol.IIngressMessage)?.Key.EntityId;
}
