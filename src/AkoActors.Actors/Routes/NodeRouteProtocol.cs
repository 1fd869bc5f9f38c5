using AkoActors.Actors.Serialization;
using AkoActors.Domain.Keys;

namespace AkoActors.Actors.Routes;

/// <summary>Messages to the <see cref="NodeRouteActor"/> of one Node. They say "look again", never what to do.</summary>
public static class NodeRouteProtocol
{
    /// <summary>Routes a message to the node's entity (entity id <c>node/&lt;name&gt;</c>).</summary>
    public interface INodeRouteMessage
    {
        NodeKey Key { get; }
    }

    /// <summary>The node changed, or the VRF owner wants to hear from it: compute its routes and report them.</summary>
    public sealed record Reconcile(NodeKey Key) : INodeRouteMessage, ICrossReplicaMessage;

    /// <summary>Sent by sharding at hand-off and by passivation.</summary>
    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }
}
