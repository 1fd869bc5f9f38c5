namespace AkoActors.Domain.Keys;

/// <summary>Identity of an Avi VRF context; the entity id of the VrfActor, sole writer of its static routes.</summary>
public sealed record VrfKey(string Tenant, string Vrf)
{
    public string EntityId => $"vrf/{Tenant}/{Vrf}";

    public override string ToString() => $"{Tenant}/{Vrf}";
}
