using Akka.Actor;
using Akka.Cluster.Sharding;

namespace AkoActors.Actors.Tests.Fakes;

/// <summary>Stands in for a shard region: one child per entity id, created on the first message, stopped on Passivate; can
/// drop the messages of chosen entities, as a region whose shard is unreachable would.</summary>
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

    /// <summary>Told to the probe when an entity asked to be passivated.</summary>
    public sealed record Passivated(string EntityId);
}
