using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Store;
using Microsoft.AspNetCore.Http;

namespace AkoActors.AviSim.Sessions;

/// <summary><c>POST /login</c> and <c>POST /logout</c>: the controller's cookie session handshake
/// (<c>csrftoken</c>, <c>sessionid</c>, <c>avi-sessionid</c>).</summary>
internal sealed class LoginEndpoints(SessionStore sessions, Func<ControllerInfo> controller, long maxBodyBytes)
{
    public async Task LoginAsync(HttpContext context)
    {
        var (username, password, token) = await ReadCredentialsAsync(context.Request);
        var session = sessions.Login(username, password, token)
                      ?? throw new AviRequestException(401, "Invalid credentials");
        var secure = context.Request.IsHttps;
        var cookies = context.Response.Cookies;
        cookies.Append("csrftoken", session.CsrfToken, new CookieOptions { Path = "/", Secure = secure, SameSite = SameSiteMode.Strict });
        cookies.Append("sessionid", session.Id, new CookieOptions { Path = "/", HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Strict });
        cookies.Append("avi-sessionid", session.Id, new CookieOptions { Path = "/", HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Strict });
        var info = controller();
        await ResponseWriter.JsonAsync(context, 200, new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["username"] = username,
                ["name"] = username,
                ["local"] = true,
                ["is_superuser"] = true,
                ["is_active"] = true,
            },
            ["tenants"] = new JsonArray(new JsonObject { ["name"] = "admin", ["uuid"] = "admin" }),
            ["version"] = info.VersionObject(),
            ["controller"] = new JsonObject { ["api_idle_timeout"] = (int)sessions.IdleTimeout.TotalMinutes },
        });
    }

    public Task LogoutAsync(HttpContext context)
    {
        var sessionId = context.Request.Cookies["sessionid"] ?? context.Request.Cookies["avi-sessionid"];
        if (sessionId is not null)
        {
            sessions.Logout(sessionId);
        }
        context.Response.Cookies.Delete("sessionid");
        context.Response.Cookies.Delete("avi-sessionid");
        context.Response.Cookies.Delete("csrftoken");
        context.Response.StatusCode = 200;
        return Task.CompletedTask;
    }

    private async Task<(string Username, string? Password, string? Token)> ReadCredentialsAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return Require(form["username"].ToString(), NullIfEmpty(form["password"].ToString()), NullIfEmpty(form["token"].ToString()));
        }
        var body = await RequestBodyReader.ReadObjectAsync(request, maxBodyBytes);
        return Require(Text(body, "username"), Text(body, "password"), Text(body, "token"));
    }

    private static (string, string?, string?) Require(string? username, string? password, string? token) =>
        string.IsNullOrEmpty(username) || (password is null && token is null)
            ? throw AviRequestException.BadRequest("Login needs 'username' and 'password' (or 'token')")
            : (username, password, token);

    private static string? Text(JsonObject body, string field) =>
        body[field] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw AviRequestException.BadRequest($"Login field '{field}' must be a string"),
        };

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
