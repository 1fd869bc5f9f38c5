namespace AkoActors.Domain.Keys;

/// <summary>Identity of a Kubernetes Service; the entity id of its ServiceActor.</summary>
public sealed record ServiceKey(string Namespace, string Name)
{
    public string EntityId => $"svc/{Namespace}/{Name}";

    public override string ToString() => $"{Namespace}/{Name}";
}
