using Akka.Actor;
using Akka.Hosting;

namespace AkoActors.Actors.Tests.Fakes;

/// <summary>Hands an actor (usually a test probe) to code that asks the registry for a region.</summary>
public sealed class FixedRequiredActor<TKey>(IActorRef actor) : IRequiredActor<TKey>
{
    public IActorRef ActorRef => actor;

    public Task<IActorRef> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(actor);
}
