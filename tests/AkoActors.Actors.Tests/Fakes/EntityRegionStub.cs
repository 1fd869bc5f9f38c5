using Akka.Actor;
using Akka.Cluster.Sharding;

namespace AkoActors.Actors.Tests.Fakes;

/// <summary>Stands in for a shard region: one child per entity id, created on the first message, stopped on Passivate; can
/// drop the messages of chosen entities, as a region whose shard is unreachable would; can flush its entities for specs on
/// virtual time.</summary>
public sealed class EntityRegionStub : ReceiveActor
{
    private readonly Dictionary<string, IActorRef> _entities = [];
    private int _incarnation;

    public EntityRegionStub(Func<object, string?> entityIdOf, Func<string, Props> propsFor, Func<string, bool>? drop = null, IActorRef? probe = null)
    {
        Receive<Passivate>(passivate =>
        {
            var entry = _entities.FirstOrDefault(e => e.Value.Equals(Sender));
            if (entry.Key is null) return;
            _entities.Remove(entry.Key);
            Sender.Tell(passivate.StopMessage);
            probe?.Tell(new Passivated(entry.Key));
        });
        Receive<Flush>(flush =>
        {
            // Behind every message this stub was sent before: each entity answers once it has handled what it was forwarded.
            flush.ReplyTo.Tell(new Flushing(_entities.Count));
            foreach (var entity in _entities.Values) entity.Tell(new Identify("flush"), flush.ReplyTo);
        });
        ReceiveAny(message =>
        {
            if (entityIdOf(message) is not { } id || (drop?.Invoke(id) ?? false)) return;
            if (!_entities.TryGetValue(id, out var entity))
            {
                entity = Context.ActorOf(propsFor(id), $"{Uri.EscapeDataString(id)}-{++_incarnation}");
                _entities[id] = entity;
            }
            entity.Forward(message);
        });
    }

    public static Props PropsFor(Func<object, string?> entityIdOf, Func<string, Props> propsFor, Func<string, bool>? drop = null, IActorRef? probe = null) =>
        Props.Create(() => new EntityRegionStub(entityIdOf, propsFor, drop, probe));

    /// <summary>Asks every entity to answer <paramref name="ReplyTo"/> (an <see cref="ActorIdentity"/> each) once it has handled
    /// everything this stub forwarded to it so far; <see cref="Flushing"/> says how many answers to expect.</summary>
    public sealed record Flush(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>How many entities will answer a <see cref="Flush"/>.</summary>
    public sealed record Flushing(int Entities) : INoSerializationVerificationNeeded;

    /// <summary>Told to the probe when an entity asked to be passivated.</summary>
    public sealed record Passivated(string EntityId);
}
