namespace AkoActors.Domain.Keys;

/// <summary>Identity of an AKO HostRule (<c>ako.vmware.com</c>, namespaced); the entity id of the actor that validates it.</summary>
public sealed record HostRuleKey(string Namespace, string Name)
{
    public string EntityId => $"hr/{Namespace}/{Name}";

    public override string ToString() => $"{Namespace}/{Name}";
}
