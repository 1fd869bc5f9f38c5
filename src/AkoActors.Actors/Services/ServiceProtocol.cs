using AkoActors.Actors.Serialization;
using AkoActors.Actors.Avi;
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
    public sealed record Reconcile(ServiceKey Key) : IServiceMessage, ICrossReplicaMessage
    {
        /// <summary>Set by the router's safety net (<c>ClusterChangeRouter</c>): start the owner if it is not running — sharding
        /// can lose the message that would have started it — and otherwise do nothing (an owner looks at once when it
        /// starts). Absent (an older replica's message) means a plain reconcile.</summary>
        public bool? OnlyStart { get; init; }
    }

    /// <summary>Periodic drift repair: re-read the tree from the controller before comparing.</summary>
    public sealed record Resync(ServiceKey Key) : IServiceMessage, ICrossReplicaMessage;

    /// <summary>A sweep of the controller found exactly these objects marked as this Service's, with their stamps.</summary>
    /// <remarks>Objects whose stamp differs from what the entity knows (drift, or objects it never knew) are re-read and
    /// then reconciled; when every stamp matches, the sweep costs the entity nothing.</remarks>
    public sealed record Observed(ServiceKey Key, ObservedObject[] Objects) : IServiceMessage, ICrossReplicaMessage;

    /// <summary>Sent by sharding at hand-off and by passivation: stop once no write is in flight, so two replicas never write one tree.</summary>
    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }
}
