using Akka.Actor;
using Akka.Hosting;
using AkoActors.Actors.Runtime;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Routes;

namespace AkoActors.Actors.Routes;

/// <summary>The change router's static-route part: a node notice goes to that node's route owner, a wake-up to the VRF's owner.</summary>
/// <remarks>Nothing is sent while route sync is off (disableStaticRouteSync, NodePort mode), except the VRF wake-up under
/// deleteConfig, which removes our routes. The shard regions are looked up per notice, so a host without them routes nothing.</remarks>
public sealed class StaticRouteNotices(ActorSystem system, ControllerRuntime runtime)
{
    public void NodeChanged(NodeKey key)
    {
        if (!StaticRoutePolicy.IsEnabled(runtime.Settings)) return;
        if (ActorRegistry.For(system).TryGet<NodeRouteRegion>(out var nodes)) nodes.Tell(new NodeRouteProtocol.Reconcile(key));
    }

    /// <summary>The VRF owner looks again; it asks every node it has not heard from itself.</summary>
    public void WakeAll()
    {
        if (!StaticRoutePolicy.IsEnabled(runtime.Settings) && !runtime.DeleteConfig) return;
        if (ActorRegistry.For(system).TryGet<VrfRegion>(out var vrfs)) vrfs.Tell(new VrfProtocol.Reconcile(StaticRoutePolicy.VrfOf(runtime.Settings)));
    }
}
