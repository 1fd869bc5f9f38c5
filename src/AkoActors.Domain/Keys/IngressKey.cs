namespace AkoActors.Domain.Keys;

/// <summary>Identity of a Kubernetes Ingress; the entity id of its IngressActor.</summary>
public sealed record IngressKey(string Namespace, string Name)
{
    public string EntityId => $"ing/{Namespace}/{Name}";

    public override string ToString() => $"{Namespace}/{Name}";
}
