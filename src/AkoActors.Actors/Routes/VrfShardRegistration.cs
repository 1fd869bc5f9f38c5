using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using AkoActors.Actors.Avi;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Sharding;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Routes;
using AkoActors.Domain.Kubernetes;
using AkoActors.Kubernetes;

namespace AkoActors.Actors.Routes;

/// <summary>Registers the VRF shard: one <see cref="VrfActor"/> per VRF context, the only writer of its static routes, moved by
/// sharding like any other owner when its replica goes.</summary>
public static class VrfShardRegistration
{
    public const string TypeName = "vrf";

    public static AkkaConfigurationBuilder AddVrfShard(this AkkaConfigurationBuilder builder, StaticRouteOptions? options = null) =>
        builder.WithReadyShardRegion<VrfRegion>(
            TypeName,
            (system, registry, resolver) =>
            {
                var client = new VrfContextClient(resolver.GetService<AviRestClient>());
                // Looked up when needed: remembered entities may start before the node shard is registered.
                Func<IActorRef?> nodes = () => registry.TryGet<NodeRouteRegion>(out var region) ? region : null;
                return entityId => EntitySupervision.WithBackoff(VrfActor.PropsFor(
                    entityId, client, resolver.GetService<IClusterState>(), resolver.GetService<IKubernetesWriter>(),
                    resolver.GetService<ControllerRuntime>(), resolver.GetService<ControllerMetrics>(), resolver.GetService<RetryPolicy>(),
                    options ?? StaticRouteOptions.Default, nodes));
            },
            new VrfMessageExtractor(),
            VrfProtocol.Stop.Instance);
}
