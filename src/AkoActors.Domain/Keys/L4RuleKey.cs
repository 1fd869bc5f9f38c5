namespace AkoActors.Domain.Keys;

/// <summary>Identity of an AKO L4Rule (<c>ako.vmware.com/v1alpha2</c>, namespaced); the entity id of the actor that decides its status.</summary>
public sealed record L4RuleKey(string Namespace, string Name)
{
    public string EntityId => $"l4r/{Namespace}/{Name}";

    public override string ToString() => $"{Namespace}/{Name}";
}
