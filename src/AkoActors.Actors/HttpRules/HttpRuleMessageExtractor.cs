using Akka.Cluster.Sharding;

namespace AkoActors.Actors.HttpRules;

/// <summary>Routes HTTPRule messages by entity id (MurmurHash, the same on every replica).</summary>
public sealed class HttpRuleMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    public const int ShardCount = 20;

    public override string? EntityId(object message) => (message as HttpRuleProtocol.IHttpRuleMessage)?.Key.EntityId;
}
