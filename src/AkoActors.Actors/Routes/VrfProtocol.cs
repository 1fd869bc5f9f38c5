using AkoActors.Actors.Serialization;
using AkoActors.Domain.Keys;

namespace AkoActors.Actors.Routes;

/// <summary>Messages to the <see cref="VrfActor"/>, the sole writer of one VRF context's static routes.</summary>
public static class VrfProtocol
{
    /// <summary>Routes a message to the VRF's entity (entity id <c>vrf/&lt;tenant&gt;/&lt;vrf&gt;</c>).</summary>
    public interface IVrfMessage
    {
        VrfKey Key { get; }
    }

    /// <summary>A node's whole contribution, replacing its previous one: its routes now, or that it no longer exists.</summary>
    /// <param name="Exists">False once the node is deleted: its routes go (it also stops counting as "not heard from").</param>
    /// <param name="NodeCreated">When the node was created; of two overlapping CIDRs the later node's is refused.</param>
    public sealed record NodeReport(VrfKey Key, NodeKey Node, bool Exists, ReportedRoute[] Routes, DateTimeOffset? NodeCreated) : IVrfMessage, ICrossReplicaMessage;

    /// <summary>One route of a <see cref="NodeReport"/> in wire form (addresses as text).</summary>
    public sealed record ReportedRoute(string Prefix, string NextHop);

    /// <summary>Look again (deleteConfig toggled, controller reachable again): merge and write if anything differs.</summary>
    public sealed record Reconcile(VrfKey Key) : IVrfMessage, ICrossReplicaMessage;

    /// <summary>Drift repair: read the VRF from the controller again and ask every node to report again.</summary>
    public sealed record Resync(VrfKey Key) : IVrfMessage, ICrossReplicaMessage;

    /// <summary>Sent by sharding at hand-off: stop once no write is in flight, so two replicas never write the VRF.</summary>
    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }
}
