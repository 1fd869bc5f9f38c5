using AkoActors.Domain.Avi;
using AkoActors.Domain.Keys;

namespace AkoActors.Actors.Services;

/// <summary>Messages to the <see cref="ServiceActor"/> of one LoadBalancer Service. They say "look again", never what to do.</summary>
public static class ServiceProtocol
{
    /// <summary>Routes a message to the Service's entity (entity id <c>svc/&lt;ns&gt;/&lt;name&gt;</c>).</summary>
    public interface IServiceMessage
    {
        ServiceKey Key { get; }
    }

    /// <summary>The Service, its EndpointSlices, its namespace or the nodes changed: compare desired with actual again.</summary>
    public sealed record Reconcile(ServiceKey Key) : IServiceMessage;

    /// <summary>Periodic drift repair: re-read the tree from the controller before comparing.</summary>
    public sealed record Resync(ServiceKey Key) : IServiceMessage;

    /// <summary>A sweep of the controller found these objects marked as this Service's; read them and delete what is not wanted.</summary>
    public sealed record AdoptObjects(ServiceKey Key, IReadOnlyList<AviRef> Refs) : IServiceMessage;

    /// <summary>Sent by sharding at hand-off and by passivation: stop once no write is in flight, so two replicas never write one tree.</summary>
    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }
}
