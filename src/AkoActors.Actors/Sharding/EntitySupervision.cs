using Akka.Actor;
using Akka.Pattern;

namespace AkoActors.Actors.Sharding;

/// <summary>How every sharded entity is supervised: an owner that throws is started again after a growing, jittered delay,
/// never in a tight loop (the counterpart of a Go controller's rate-limited work queue).</summary>
/// <remarks>The entity runs as the child of a <see cref="BackoffSupervisor"/>: messages from the shard are forwarded to it,
/// and what it sends its parent (<c>Passivate</c>) is forwarded to the shard. An entity that stops by itself (hand-off,
/// passivation) stops its supervisor too, so the shard sees it gone. The incarnation that replaces a failed one ignores
/// the late answers of the old one's calls (see <c>AviTreeOwnerActor</c>).</remarks>
public static class EntitySupervision
{
    public static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    public static Props WithBackoff(Props entity) =>
        BackoffSupervisor.Props(Backoff.OnFailure(entity, "owner", MinBackoff, MaxBackoff, 0.2, -1)
            .WithAutoReset(MaxBackoff));
}
