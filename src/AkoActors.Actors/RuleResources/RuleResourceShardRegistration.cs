using Akka.Cluster.Hosting;
using Akka.Hosting;
using AkoActors.Actors.Sharding;
using AkoActors.Domain.CustomResources;

namespace AkoActors.Actors.RuleResources;

/// <summary>Registers one rule kind's shard: one <see cref="RuleResourceActor{TResource}"/> per resource, the single writer
/// of its status, found in the registry as <see cref="RuleResourceRegion{TResource}"/>.</summary>
public static class RuleResourceShardRegistration
{
    public static AkkaConfigurationBuilder AddRuleResourceShard<TResource>(this AkkaConfigurationBuilder builder, RuleResourceKind<TResource> kind)
        where TResource : class, IAdmittedResource =>
        builder.WithReadyShardRegion<RuleResourceRegion<TResource>>(
            kind.ShardTypeName,
            (_, _, resolver) => entityId => EntitySupervision.WithBackoff(resolver.Props<RuleResourceActor<TResource>>(entityId, kind)),
            new RuleResourceMessageExtractor(),
            RuleResourceProtocol.Stop.Instance);
}
