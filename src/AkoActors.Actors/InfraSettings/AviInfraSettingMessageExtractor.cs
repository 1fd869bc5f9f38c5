using Akka.Cluster.Sharding;

namespace AkoActors.Actors.InfraSettings;

/// <summary>Routes AviInfraSetting messages by entity id (MurmurHash, the same on every replica).</summary>
public sealed class AviInfraSettingMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    public const int ShardCount = 20;

    public override string? EntityId(object message) => (message as AviInfraSettingProtocol.IAviInfraSettingMessage)?.Key.EntityId;
}
