using Akka.Cluster.Hosting;
using Akka.Hosting;
using AkoActors.Actors.Sharding;

namespace AkoActors.Actors.HostRules;

/// <summary>Registers the HostRule shard: one <see cref="HostRuleActor"/> per HostRule, the single writer of its status.</summary>
public static class HostRuleShardRegistration
{
    public const string TypeName = "hostrule";

    public static AkkaConfigurationBuilder AddHostRuleShard(this AkkaConfigurationBuilder builder) =>
        builder.WithReadyShardRegion<HostRuleRegion>(
            TypeName,
            (_, _, resolver) => entityId => EntitySupervision.WithBackoff(resolver.Props<HostRuleActor>(entityId)),
            new HostRuleMessageExtractor(),
            HostRuleProtocol.Stop.Instance);
}
