using Akka.Cluster.Hosting;
using Akka.Hosting;
using AkoActors.Actors.Sharding;

namespace AkoActors.Actors.Ingresses;

/// <summary>Registers the Ingress shard: one <see cref="IngressActor"/> per Ingress of our class.</summary>
public static class IngressShardRegistration
{
    public const string TypeName = "ingress";

    public static AkkaConfigurationBuilder AddIngressShard(this AkkaConfigurationBuilder builder) =>
        builder.WithReadyShardRegion<IngressRegion>(
            TypeName,
            (_, _, resolver) => entityId => EntitySupervision.WithBackoff(resolver.Props<IngressActor>(entityId)),
            new IngressMessageExtractor(),
            IngressProtocol.Stop.Instance);
}
