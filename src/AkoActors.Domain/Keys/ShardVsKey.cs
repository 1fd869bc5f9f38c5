namespace AkoActors.Domain.Keys;

/// <summary>Identity of a shared L7 virtual service on the controller; the entity id of its ShardVsActor.</summary>
public sealed record ShardVsKey(string Tenant, string VsName)
{
    public string EntityId => $"vs/{Tenant}/{VsName}";

    public override string ToString() => $"{Tenant}/{VsName}";
}
