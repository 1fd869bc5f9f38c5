using Akka.Actor;

namespace AkoActors.Actors.Tests.Fakes;

/// <summary>Stands in for the shard: creates the entity as its child and forwards what the child sends it (Passivate) to a probe.</summary>
public sealed class ParentProxy : ReceiveActor
{
    public ParentProxy(Props child, string name, IActorRef probe)
    {
        var entity = Context.ActorOf(child, name);
        Context.Watch(entity);
        Receive<Terminated>(t => probe.Tell(new EntityStopped(t.ActorRef)));
        ReceiveAny(message =>
        {
            if (Sender.Equals(entity)) probe.Tell(message);
            else entity.Forward(message);
        });
    }

    public sealed record EntityStopped(IActorRef Entity);
}
