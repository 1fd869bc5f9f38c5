using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using AkoActors.Actors.Metrics;
using AkoActors.Actors.Routes;
using AkoActors.Actors.Runtime;
using AkoActors.Actors.Services;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Settings;
using AkoActors.Kubernetes;
using AkoActors.Kubernetes.Cache;

namespace AkoActors.Actors.Routing;

/// <summary>Turns this replica's informer notices into "look again" messages for the entities that own the affected trees.</summary>
/// <remarks>
/// Only LoadBalancer Services reach the Service shard (plus one last notice when a Service stops being one, so its tree
/// is removed); the many ClusterIP Services and their endpoint churn cost nothing. Every replica routes what it sees;
/// the owner coalesces the duplicates, so a change reaches its owner as fast as with one replica.
/// </remarks>
public sealed class ClusterChangeRouter : ReceiveActor
{
    private readonly IActorRef _services;
    private readonly IClusterState _cluster;
    private readonly ControllerRuntime _runtime;
    private readonly ControllerMetrics _metrics;
    private readonly HashSet<ServiceKey> _loadBalancers = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly StaticRouteNotices _staticRoutes;

    public ClusterChangeRouter(IActorRef services, IClusterState cluster, ControllerRuntime runtime, ControllerMetrics metrics)
    {
        _services = services;
        _cluster = cluster;
        _runtime = runtime;
        _metrics = metrics;
        _staticRoutes = new StaticRouteNotices(Context.System, runtime);

        Receive<ClusterChange.ServiceChanged>(change =>
        {
            _metrics.ClusterChange("service");
            RouteService(change.Key);
        });
        Receive<ClusterChange.NamespaceChanged>(change =>
        {
            _metrics.ClusterChange("namespace");
            foreach (var key in _cluster.ServiceKeys().Where(k => k.Namespace == change.Name)) RouteService(key);
        });
        Receive<ClusterChange.NodeChanged>(change =>
        {
            _metrics.ClusterChange("node");
            _staticRoutes.NodeChanged(change.Key);
            // NodePort pools list node addresses, so every L4 tree depends on the node set in that mode.
            if (_runtime.Settings.ServiceType == PoolServerMode.NodePort) RouteAllServices();
        });
        Receive<ClusterChange>(change => _metrics.ClusterChange(change.GetType().Name));
        Receive<RouterProtocol.WakeAll>(_ =>
        {
            _log.Info("Telling every entity to look again");
            RouteAllServices();
            _staticRoutes.WakeAll();
        });
    }

    public static Props PropsFor(IActorRef services, IClusterState cluster, ControllerRuntime runtime, ControllerMetrics metrics) =>
        Props.Create(() => new ClusterChangeRouter(services, cluster, runtime, metrics));

    private void RouteAllServices()
    {
        foreach (var key in _cluster.ServiceKeys()) RouteService(key);
    }

    private void RouteService(ServiceKey key)
    {
        var service = _cluster.GetService(key);
        if (service is { IsLoadBalancer: true })
        {
            _loadBalancers.Add(key);
            _services.Tell(new ServiceProtocol.Reconcile(key));
        }
        else if (_loadBalancers.Remove(key))
        {
            _services.Tell(new ServiceProtocol.Reconcile(key));
        }
    }
}

/// <summary>Registers the router and connects it to this replica's informer caches.</summary>
public static class ClusterChangeRouterRegistration
{
    public static AkkaConfigurationBuilder AddClusterChangeRouter(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var cache = resolver.GetService<ClusterCache>();
            var router = system.ActorOf(
                ClusterChangeRouter.PropsFor(registry.Get<ServiceRegion>(), cache, resolver.GetService<ControllerRuntime>(), resolver.GetService<ControllerMetrics>()),
                "cluster-change-router");
            cache.Subscribe(change => router.Tell(change));
            registry.Register<ClusterChangeRouter>(router);
        });
}
