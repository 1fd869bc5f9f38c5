using Akka.Cluster.Hosting;
using Akka.Hosting;
using AkoActors.Actors.Sharding;

namespace AkoActors.Actors.SharedVirtualServices;

/// <summary>Registers the shared-VS shard: one <see cref="SharedVsActor"/> per shared L7 VS.</summary>
public static class SharedVsShardRegistration
{
    public const string TypeName = "shared-vs";

    public static AkkaConfigurationBuilder AddSharedVsShard(this AkkaConfigurationBuilder builder) =>
        builder.WithReadyShardRegion<SharedVsRegion>(
            TypeName,
            (_, _, resolver) => entityId => EntitySupervision.WithBackoff(resolver.Props<SharedVsActor>(entityId)),
            new SharedVsMessageExtractor(),
            SharedVsProtocol.Stop.Instance);
}
