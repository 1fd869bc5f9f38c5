namespace AkoActors.Domain.Keys;

/// <summary>Identity of an AKO AviInfraSetting (<c>ako.vmware.com</c>, cluster scope: a name only); the entity id of the
/// actor that decides its status.</summary>
public sealed record AviInfraSettingKey(string Name)
{
    public string EntityId => $"ais/{Name}";

    public override string ToString() => Name;
}
