namespace AkoActors.Domain.Keys;

/// <summary>Identity of an AKO HTTPRule (<c>ako.vmware.com</c>, namespaced); the entity id of the actor that decides its status.</summary>
public sealed record HttpRuleKey(string Namespace, string Name)
{
    public string EntityId => $"httpr/{Namespace}/{Name}";

    public override string ToString() => $"{Namespace}/{Name}";
}
