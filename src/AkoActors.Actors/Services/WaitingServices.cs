using Akka.Actor;
using Akka.Hosting;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Actors.Services;

/// <summary>Wakes the LoadBalancer Services still waiting for a VIP (no address in their status: no free IP, or the address
/// they ask for was taken) when this controller has just released one, instead of leaving them to their slow retry.</summary>
/// <remarks>Every replica's informer cache knows which Services show no address; the owners, wherever they run, are reached
/// through the Service shard region. An owner that is not waiting for an address only compares its tree again (no call).</remarks>
public static class WaitingServices
{
    public static void Wake(ActorSystem system, IClusterState cluster, AkoSettings settings)
    {
        if (!ActorRegistry.For(system).TryGet<ServiceRegion>(out var services)) return;
        foreach (var key in cluster.ServiceKeys())
        {
            if (cluster.GetService(key) is not { IsLoadBalancer: true, IsDeleting: false } service || !service.Status.IsEmpty) continue;
            if (!L4ServiceTranslator.IsHandled(service, cluster.GetNamespace(key.Namespace), settings)) continue;
            services.Tell(new ServiceProtocol.Reconcile(key));
        }
    }
}
