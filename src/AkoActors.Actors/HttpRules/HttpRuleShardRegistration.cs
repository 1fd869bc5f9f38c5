using Akka.Cluster.Hosting;
using Akka.Hosting;
using AkoActors.Actors.Sharding;

namespace AkoActors.Actors.HttpRules;

/// <summary>Registers the HTTPRule shard: one <see cref="HttpRuleActor"/> per HTTPRule, the single writer of its status.</summary>
public static class HttpRuleShardRegistration
{
    public const string TypeName = "httprule";

    public static AkkaConfigurationBuilder AddHttpRuleShard(this AkkaConfigurationBuilder builder) =>
        builder.WithReadyShardRegion<HttpRuleRegion>(
            TypeName,
            (_, _, resolver) => entityId => EntitySupervision.WithBackoff(resolver.Props<HttpRuleActor>(entityId)),
            new HttpRuleMessageExtractor(),
            HttpRuleProtocol.Stop.Instance);
}
