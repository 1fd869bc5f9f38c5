using System.Text.Json.Nodes;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Control;

/// <summary>The <c>/sim/users</c> wire form of a user: <c>{"username", "password", "token", "tenants"}</c> in,
/// the same without secrets out, so harnesses can add a user limited to some tenants while the simulator runs.</summary>
internal static class SimUserJson
{
    public static AviSimUser Parse(JsonObject body)
    {
        var username = Text(body, "username");
        var password = Text(body, "password");
        if (string.IsNullOrEmpty(username) || password is null)
        {
            throw AviRequestException.BadRequest("A user needs 'username' and 'password' (and optionally 'token' and 'tenants')");
        }
        IReadOnlyList<string>? tenants = body["tenants"] switch
        {
            null => null,
            JsonArray names when names.All(n => n is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0) =>
                names.Select(n => n!.GetValue<string>()).ToList(),
            _ => throw AviRequestException.BadRequest("'tenants' must be a list of tenant names; omit it to allow every tenant"),
        };
        return new AviSimUser(username, password, Text(body, "token"), tenants);
    }

    /// <summary>Name and tenants (<c>null</c> = every tenant); never the password or token.</summary>
    public static JsonObject Describe(AviSimUser user) => new()
    {
        ["username"] = user.Username,
        ["tenants"] = user.Tenants is null ? null : new JsonArray(user.Tenants.Select(t => (JsonNode)t).ToArray()),
        ["has_token"] = user.Token is not null,
    };

    private static string? Text(JsonObject body, string field) =>
        body[field] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw AviRequestException.BadRequest($"User field '{field}' must be a string"),
        };
}
