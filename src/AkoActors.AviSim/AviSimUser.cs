namespace AkoActors.AviSim;

/// <summary>An account the simulated controller accepts at <c>/login</c>, by password or by API token.</summary>
/// <param name="Username">The login name.</param>
/// <param name="Password">The password; a wrong one is answered 401 "Invalid credentials".</param>
/// <param name="Token">Optional API token accepted as <c>{"username", "token"}</c> instead of the password.</param>
public sealed record AviSimUser(string Username, string Password, string? Token = null)
{
    /// <summary>Hides the secrets so a user list can be logged.</summary>
    public override string ToString() => $"AviSimUser {{ Username = {Username} }}";
}
