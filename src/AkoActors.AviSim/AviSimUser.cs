namespace AkoActors.AviSim;

/// <summary>An account the simulated controller accepts at <c>/login</c>, by password or by API token, with the
/// tenants its roles let it use — so a client meant for one tenant can be tested against a 403 elsewhere.</summary>
/// <param name="Username">The login name.</param>
/// <param name="Password">The password; a wrong one is answered 401 "Invalid credentials".</param>
/// <param name="Token">Optional API token accepted as <c>{"username", "token"}</c> instead of the password.</param>
/// <param name="Tenants">The tenants (by name) this user may act in; null means every tenant, as for the
/// controller's admin (a role mapped to all tenants). Creating or deleting tenants needs every tenant.</param>
public sealed record AviSimUser(string Username, string Password, string? Token = null, IReadOnlyList<string>? Tenants = null)
{
    /// <summary>True when the user has a role in every tenant, present and future.</summary>
    public bool HasAllTenants => Tenants is null;

    /// <summary>Whether this user may send <c>X-Avi-Tenant: <paramref name="tenantName"/></c>.</summary>
    public bool MayUse(string tenantName) => Tenants is null || Tenants.Contains(tenantName, StringComparer.Ordinal);

    /// <summary>Hides the secrets so a user list can be logged.</summary>
    public override string ToString() =>
        $"AviSimUser {{ Username = {Username}, Tenants = {(Tenants is null ? "*" : string.Join(",", Tenants))} }}";
}
