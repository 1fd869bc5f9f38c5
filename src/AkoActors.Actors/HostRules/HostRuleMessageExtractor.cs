using Akka.Cluster.Sharding;

namespace AkoActors.Actors.HostRules;

/// <summary>Routes HostRule messages by entity id (MurmurHash, the same on every replica).</summary>
public sealed class HostRuleMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    public const int ShardCount = 20;

    public override string? EntityId(object message) => (message as HostRuleProtocol.IHostRuleMessage)?.Key.EntityId;
}
