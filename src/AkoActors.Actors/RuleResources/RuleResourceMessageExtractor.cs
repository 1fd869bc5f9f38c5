using Akka.Cluster.Sharding;

namespace AkoActors.Actors.RuleResources;

/// <summary>Routes rule-resource messages by entity id (MurmurHash, the same on every replica); one per kind's region.</summary>
public sealed class RuleResourceMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    public const int ShardCount = 20;

    public override string? EntityId(object message) => (message as RuleResourceProtocol.IRuleResourceMessage)?.EntityId;
}
