using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Sharding;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Routes;

/// <summary>Registers the node-route shard: one <see cref="NodeRouteActor"/> per Node, spread over the replicas.</summary>
public static class NodeRouteShardRegistration
{
    public const string TypeName = "node-route";

    public static AkkaConfigurationBuilder AddNodeRouteShard(this AkkaConfigurationBuilder builder) =>
        builder.WithReadyShardRegion<NodeRouteRegion>(
            TypeName,
            (system, registry, resolver) =>
            {
                Func<IActorRef?> vrfs = () => registry.TryGet<VrfRegion>(out var region) ? region : null;
                return entityId => EntitySupervision.WithBackoff(NodeRouteActor.PropsFor(
                    entityId, resolver.GetService<IClusterState>(), resolver.GetService<IKubernetesWriter>(),
                    resolver.GetService<ControllerRuntime>(), resolver.GetService<ControllerMetrics>(), vrfs));
            },
            new NodeRouteMessageExtractor(),
            NodeRouteProtocol.Stop.Instance);
}
