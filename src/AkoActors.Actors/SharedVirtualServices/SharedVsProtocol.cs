using System.Text.Json.Serialization;
using AkoActors.Actors.Serialization;
using AkoActors.Actors.Avi;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Translation.L7;

namespace AkoActors.Actors.SharedVirtualServices;

/// <summary>Messages to the <see cref="SharedVsActor"/> that owns one shared L7 VS and its whole tree.</summary>
public static class SharedVsProtocol
{
    /// <summary>Routes a message to the shard VS's entity (entity id <c>vs/&lt;tenant&gt;/&lt;vs name&gt;</c>).</summary>
    public interface ISharedVsMessage
    {
        ShardVsKey Key { get; }
    }

    /// <summary>This Ingress's hosts on this VS are now exactly these (replaces what it contributed before).</summary>
    /// <param name="Stamp">Unique per sending; echoed in the VS's status, so the Ingress can tell whether the VS holds what
    /// it last sent (a message dropped during a hand-off, or a VS that rebuilt its contributions from a lagging cache).</param>
    public sealed record Contribute(ShardVsKey Key, IngressContribution Contribution, string Stamp) : ISharedVsMessage, ICrossReplicaMessage;

    /// <summary>This Ingress no longer has anything on this VS.</summary>
    public sealed record Retract(ShardVsKey Key, IngressKey Ingress) : ISharedVsMessage, ICrossReplicaMessage
    {
        /// <summary>The sender waits for <see cref="Ingresses.IngressProtocol.Retracted"/> (it had contributed here) and sends
        /// again until it comes; false for the retractions every new Ingress incarnation sends to every VS, and from a
        /// replica of a version before it.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        public bool Answer { get; init; }
    }

    /// <summary>Look again (the controller answers again after an outage): write if anything differs, at once rather than
    /// after the backoff of a failed write.</summary>
    public sealed record Reconcile(ShardVsKey Key) : ISharedVsMessage, ICrossReplicaMessage;

    /// <summary>Drift repair: rebuild the contributions from this replica's cache and re-read the tree.</summary>
    public sealed record Resync(ShardVsKey Key) : ISharedVsMessage, ICrossReplicaMessage;

    /// <summary>A sweep found exactly these objects of this VS's tree on the controller, with their stamps.</summary>
    public sealed record Observed(ShardVsKey Key, ObservedObject[] Objects) : ISharedVsMessage, ICrossReplicaMessage;

    /// <summary>Hand-off and passivation stop, answered only between writes.</summary>
    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }
}
