using System.Text;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Sessions;
using AkoActors.AviSim.Store;
using Microsoft.AspNetCore.Http;

namespace AkoActors.AviSim.Api;

/// <summary>Serves <c>/api/...</c>: session and CSRF checks, tenant scoping, the controller singletons and
/// the generic object collections.</summary>
internal sealed class ApiEndpoints(ObjectService objects, SessionStore sessions, Func<ControllerInfo> controller, long maxBodyBytes)
{
    private readonly ObjectRenderer _renderer = new(objects.Store.NameOf);

    /// <summary><paramref name="segments"/> are the path parts after <c>/api</c>.</summary>
    public async Task HandleAsync(HttpContext context, string[] segments, ApiCall call)
    {
        var request = context.Request;
        var origin = $"{request.Scheme}://{request.Host}";
        if (segments is ["initial-data"])
        {
            await ResponseWriter.JsonAsync(context, 200, controller().InitialData());
            return;
        }
        var session = Authenticate(context, call);
        CheckApiVersion(request.Headers["X-Avi-Version"].ToString());
        if (segments.Length == 0)
        {
            throw new AviRequestException(404, "Invalid URL: no object type given");
        }
        switch (segments)
        {
            case ["cluster"] when request.Method == "GET":
                await ResponseWriter.JsonAsync(context, 200, controller().Cluster(origin));
                return;
            case ["cluster", "runtime"] when request.Method == "GET":
                await ResponseWriter.JsonAsync(context, 200, controller().Runtime());
                return;
            case ["cluster", "version"] when request.Method == "GET":
                await ResponseWriter.JsonAsync(context, 200, controller().VersionObject());
                return;
            case ["ipamdnsproviderprofiledomainlist"] when request.Method == "GET":
                var cloudUuid = request.Query["cloud_uuid"].ToString();
                var domains = objects.DomainsOfCloud(string.IsNullOrEmpty(cloudUuid) ? null : cloudUuid);
                await ResponseWriter.JsonAsync(context, 200,
                    new JsonObject { ["domains"] = new JsonArray(domains.Select(d => (JsonNode)d).ToArray()) });
                return;
        }
        if (!ObjectTypeRegistry.TryGet(segments[0], out var type))
        {
            throw AviRequestException.BadRequest($"Unknown object type '{segments[0]}'");
        }
        if (segments.Length > 2)
        {
            throw new AviRequestException(404, $"Invalid URL: {request.Path}");
        }
        call.SessionId = session.Id;
        var user = sessions.Users.FirstOrDefault(u => u.Username == session.Username)
                   ?? throw new AviRequestException(401, "Authentication credentials were not provided.");
        var scope = objects.ResolveTenant(request.Headers["X-Avi-Tenant"].ToString(), request.Headers["X-Avi-Tenant-UUID"].ToString(), user);
        call.Tenant = scope.TenantName;
        if (call.IsWrite && scope.IsAllTenants)
        {
            throw AviRequestException.BadRequest(
                $"X-Avi-Tenant '*' is for reads only; send the name of one tenant to {request.Method} a {type.DisplayName}");
        }
        var uuid = segments.Length == 2 ? segments[1] : type.Singleton ? "default" : null;
        call.Uuid = uuid;
        var options = new RenderOptions(origin, ListQuery.IsFlagSet(request.Query, "include_name"), ParseFields(request.Query));
        switch (request.Method, uuid)
        {
            case ("GET", null):
                await ListAsync(context, type, scope, origin);
                return;
            case ("GET", _):
                await ResponseWriter.ObjectAsync(context, 200, objects.Get(type, uuid, scope), _renderer, options);
                return;
            case ("POST", null):
            {
                var body = await RequestBodyReader.ReadObjectAsync(request, maxBodyBytes);
                call.Name = body["name"] is JsonValue n && n.TryGetValue<string>(out var name) ? name : null;
                call.Markers = MarkersOf(type.Name, body);
                call.StaticRoutes = StaticRoutesOf(type.Name, body);
                var created = objects.Create(type, body, scope);
                call.Uuid = created.Stored.Uuid;
                call.Tenant = TenantNameOf(created.Stored);
                await ResponseWriter.ObjectAsync(context, 201, created, _renderer, options);
                return;
            }
            case ("PUT", not null):
            {
                var body = await RequestBodyReader.ReadObjectAsync(request, maxBodyBytes);
                call.Name = body["name"] is JsonValue n && n.TryGetValue<string>(out var name) ? name : null;
                call.Markers = MarkersOf(type.Name, body);
                call.StaticRoutes = StaticRoutesOf(type.Name, body);
                var replaced = objects.Replace(type, uuid, body, scope);
                call.Name = replaced.Stored.Name;
                call.Tenant = TenantNameOf(replaced.Stored);
                await ResponseWriter.ObjectAsync(context, 200, replaced, _renderer, options);
                return;
            }
            case ("PATCH", not null):
            {
                var body = await RequestBodyReader.ReadObjectAsync(request, maxBodyBytes);
                var patched = objects.Patch(type, uuid, body, scope);
                call.Name = patched.Stored.Name;
                call.Tenant = TenantNameOf(patched.Stored);
                await ResponseWriter.ObjectAsync(context, 200, patched, _renderer, options);
                return;
            }
            case ("DELETE", not null):
                var deleted = objects.Delete(type, uuid, scope);
                call.Name = deleted.Name;
                call.Tenant = TenantNameOf(deleted);
                context.Response.StatusCode = 204;
                return;
            default:
                throw new AviRequestException(405, $"Method {request.Method} is not allowed on {request.Path}");
        }
    }

    private Session Authenticate(HttpContext context, ApiCall call)
    {
        var request = context.Request;
        var sessionId = request.Cookies["sessionid"] ?? request.Cookies["avi-sessionid"];
        call.SessionId = sessionId;
        var session = sessions.Find(sessionId)
                      ?? throw (sessionId is not null && sessions.ExpiredSessionStatus == 419
                          ? new AviRequestException(419, "Session expired")
                          : new AviRequestException(401, "Authentication credentials were not provided."));
        if (call.IsWrite && request.Headers["X-CSRFToken"].ToString() != session.CsrfToken)
        {
            throw new AviRequestException(401, "CSRF Failed: CSRF token missing or incorrect.");
        }
        return session;
    }

    /// <summary>Clients may ask for any API version up to the controller's own; a newer or unreadable one is refused.</summary>
    private void CheckApiVersion(string requested)
    {
        if (requested.Length == 0)
        {
            return;
        }
        var own = controller().Version;
        if (!Version.TryParse(requested, out var wanted) || !Version.TryParse(own, out var supported))
        {
            throw AviRequestException.BadRequest($"Invalid X-Avi-Version '{requested}'");
        }
        if (wanted > supported)
        {
            throw AviRequestException.BadRequest($"X-Avi-Version {requested} is newer than this controller's version {own}");
        }
    }

    private async Task ListAsync(HttpContext context, AviObjectType type, TenantScope scope, string origin)
    {
        var query = ListQuery.Parse(context.Request.Query);
        var page = objects.List(type, query, scope);
        string? next = null;
        if (page.HasNext)
        {
            var builder = new StringBuilder($"{origin}/api/{type.Name}?");
            foreach (var (key, value) in query.CarriedParameters)
            {
                builder.Append(Uri.EscapeDataString(key));
                if (value is not null)
                {
                    builder.Append('=').Append(Uri.EscapeDataString(value));
                }
                builder.Append('&');
            }
            builder.Append("page=").Append(query.Page + 1);
            next = builder.ToString();
        }
        var options = new RenderOptions(origin, query.IncludeName, query.Fields);
        await ResponseWriter.ListAsync(context, page, next, _renderer, options);
    }

    /// <summary>The audit log names the tenant the object lives in (a body's tenant_ref may differ from the header).</summary>
    private string TenantNameOf(StoredObject stored) => objects.Store.NameOf(stored.TenantUuid) ?? stored.TenantUuid;

    private static IReadOnlySet<string>? ParseFields(IQueryCollection query)
    {
        var fields = query["fields"].ToString();
        return string.IsNullOrEmpty(fields)
            ? null
            : fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A body's Avi <c>markers</c> as key → values joined by commas (null when it has none).</summary>
    /// <summary>The body's Avi markers; for a vrfcontext also its static routes' labels, which is where a controller stamps
    /// who wrote the routes (a vrfcontext has no markers of its own): the single-writer check reads its owner epoch there.</summary>
    private static Dictionary<string, string>? MarkersOf(string typeName, JsonObject body)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (body["markers"] is JsonArray markers)
        {
            foreach (var marker in markers.OfType<JsonObject>())
            {
                if (marker["key"] is not JsonValue key || !key.TryGetValue<string>(out var name)) continue;
                var values = result[name] = [];
                if (marker["values"] is JsonArray array) values.AddRange(array.Select(TextOf).OfType<string>());
            }
        }
        if (typeName == "vrfcontext" && body["static_routes"] is JsonArray routes)
        {
            foreach (var label in routes.OfType<JsonObject>().SelectMany(r => r["labels"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (TextOf(label["key"]) is not { } name) continue;
                var values = result.TryGetValue(name, out var known) ? known : result[name] = [];
                if (TextOf(label["value"]) is { } value && !values.Contains(value)) values.Add(value);
            }
        }
        return body["markers"] is not JsonArray && result.Count == 0
            ? null
            : result.ToDictionary(kv => kv.Key, kv => string.Join(',', kv.Value), StringComparer.Ordinal);
    }

    /// <summary>A vrfcontext's static routes as <c>{addr}/{mask} via {hop}</c> (<c>?</c> for a missing part), else null.</summary>
    private static List<string>? StaticRoutesOf(string typeName, JsonObject body) =>
        typeName == "vrfcontext" && body["static_routes"] is JsonArray routes
            ? routes.OfType<JsonObject>()
                .Select(r => $"{TextOf(r["prefix"]?["ip_addr"]?["addr"]) ?? "?"}/{(r["prefix"]?["mask"] is JsonValue mask && mask.TryGetValue<int>(out var bits) ? bits.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")} via {TextOf(r["next_hop"]?["addr"]) ?? "?"}")
                .ToList()
            : null;

    private static string? TextOf(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
