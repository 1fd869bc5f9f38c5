using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using AkoActors.Actors.Sharding;

namespace AkoActors.Actors.Services;

/// <summary>Registers the Service shard: one <see cref="ServiceActor"/> per LoadBalancer Service, spread over the replicas.</summary>
public static class ServiceShardRegistration
{
    public const string TypeName = "service";

    public static AkkaConfigurationBuilder AddServiceShard(this AkkaConfigurationBuilder builder) =>
        builder.WithReadyShardRegion<ServiceRegion>(
            TypeName,
            (_, _, resolver) => entityId => EntitySupervision.WithBackoff(resolver.Props<ServiceActor>(entityId)),
            new ServiceMessageExtractor(),
            ServiceProtocol.Stop.Instance);
}
