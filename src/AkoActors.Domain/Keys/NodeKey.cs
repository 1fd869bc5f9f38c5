namespace AkoActors.Domain.Keys;

/// <summary>Identity of a Kubernetes Node; the entity id of its NodeRouteActor.</summary>
public sealed record NodeKey(string Name)
{
    public string EntityId => $"node/{Name}";

    public override string ToString() => Name;
}
