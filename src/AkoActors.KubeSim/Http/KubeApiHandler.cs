using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.OpenApi;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Resources;
using AkoActors.KubeSim.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AkoActors.KubeSim.Http;

/// <summary>Routes every request of the simulated API server: health, discovery, OpenAPI, and the resource verbs; every refusal becomes a Status object.</summary>
public sealed class KubeApiHandler
{
    private readonly ResourceRegistry _registry;
    private readonly DiscoveryDocuments _discovery;
    private readonly OpenApiV3Documents _openApi;
    private readonly WatchStreamer _watches;
    private readonly string? _token;
    private readonly TimeProvider _clock;
    private readonly CancellationToken _shutdown;
    private readonly ILogger _logger;

    /// <summary>Creates the handler; a null <paramref name="token"/> disables authentication.</summary>
    public KubeApiHandler(ResourceRegistry registry, WatchOptions watchOptions, string? token, ILogger logger, CancellationToken shutdown)
    {
        _logger = logger;
        _registry = registry;
        _clock = registry.Options.Clock;
        _discovery = new DiscoveryDocuments(registry.Catalog);
        _openApi = new OpenApiV3Documents(registry.Catalog);
        _watches = new WatchStreamer(registry, watchOptions, _clock);
        _token = token;
        _shutdown = shutdown;
    }

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context);
        }
        catch (ApiException e)
        {
            if (!context.Response.HasStarted)
            {
                await JsonResponses.WriteStatusAsync(context, e);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or NullReferenceException or InvalidCastException or IndexOutOfRangeException)
        {
            // A bug in KubeSim must still answer like an API server would, not drop the connection.
            _logger.LogError(e, "internal error serving {Method} {Path}", context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
            {
                await JsonResponses.WriteStatusAsync(context, new ApiException(500, "InternalError", $"Internal error occurred: {e.Message}"));
            }
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path is "/healthz" or "/livez" or "/readyz")
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }
        if (path == "/version")
        {
            await JsonResponses.WriteAsync(context, 200, DiscoveryDocuments.Version());
            return;
        }
        Authenticate(context);
        var trimmed = path.TrimEnd('/');
        switch (trimmed)
        {
            case "/api":
                await JsonResponses.WriteAsync(context, 200, DiscoveryDocuments.CoreVersions($"{context.Request.Host}"));
                return;
            case "/apis":
                await JsonResponses.WriteAsync(context, 200, _discovery.Groups());
                return;
            case "/openapi/v2":
                if (context.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.Ordinal))
                {
                    context.Response.ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
                    await context.Response.Body.WriteAsync(OpenApiV2Document.Protobuf(), context.RequestAborted);
                }
                else
                {
                    await JsonResponses.WriteAsync(context, 200, OpenApiV2Document.Json());
                }
                return;
            case "/openapi/v3":
                await JsonResponses.WriteAsync(context, 200, _openApi.Index());
                return;
        }
        if (trimmed.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            await JsonResponses.WriteAsync(context, 200, _openApi.GroupVersion(trimmed["/openapi/v3/".Length..]) ?? throw ApiException.NoSuchPath());
            return;
        }
        var segments = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (context.Request.Method == "GET")
        {
            JsonObject? discovery = segments switch
            {
                ["api", var v] => _discovery.Resources(string.Empty, v),
                ["apis", var g] => _discovery.Group(g),
                ["apis", var g, var v] => _discovery.Resources(g, v),
                _ => null,
            };
            if (discovery is not null)
            {
                await JsonResponses.WriteAsync(context, 200, discovery);
                return;
            }
        }
        var apiPath = ApiPath.Parse(trimmed, _registry.Catalog) ?? throw ApiException.NoSuchPath();
        await ServeResourceAsync(context, apiPath);
    }

    private void Authenticate(HttpContext context)
    {
        if (_token is null)
        {
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ||
            !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(header[7..].Trim()), System.Text.Encoding.UTF8.GetBytes(_token)))
        {
            throw ApiException.Unauthorized();
        }
    }

    private async Task ServeResourceAsync(HttpContext context, ApiPath path)
    {
        var request = context.Request;
        var query = request.Query;
        var type = path.Resource;
        var cancel = context.RequestAborted;
        var asTable = request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);
        switch (request.Method)
        {
            case "GET" when path.WatchPrefix || (path.Name is null && QueryOptions.Flag(query, "watch")):
                await _watches.StreamAsync(context, path, asTable, _shutdown);
                return;
            case "GET" when path.Name is null:
                var page = _registry.List(type, path.Namespace, QueryOptions.List(query, type));
                if (asTable)
                {
                    var objects = page.Items.Select(o => _registry.Serve(type, o));
                    await JsonResponses.WriteAsync(context, 200, TableBuilder.Build(type, objects, page.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Continue, page.RemainingItemCount, query["includeObject"], _clock.GetUtcNow()));
                }
                else
                {
                    await JsonResponses.WriteListAsync(context, type, page, _registry);
                }
                return;
            case "GET" when path.Subresource == "log":
                // Simulated Pods run nothing, so there is nothing to show; say so instead of a puzzling 404.
                _registry.Get(type, path.Namespace, path.Name!);
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync($"KubeSim: pod {path.Namespace}/{path.Name} is simulated and runs no containers, so it has no logs.\n", cancel);
                return;
            case "GET":
                var found = path.Subresource == "scale" ? _registry.GetScale(type, path.Namespace!, path.Name) : _registry.Get(type, path.Namespace, path.Name);
                await JsonResponses.WriteAsync(context, 200, asTable && path.Subresource is null
                    ? TableBuilder.Build(type, [found], null, null, null, query["includeObject"], _clock.GetUtcNow())
                    : found);
                return;
            case "POST" when path.Name is null:
                var newObject = await RequestBody.ReadObjectAsync(request, cancel);
                var created = _registry.Create(type, path.Namespace, newObject, QueryOptions.Write(context));
                await JsonResponses.WriteAsync(context, 201, created);
                return;
            case "PUT" when path.Name is not null:
                var body = await RequestBody.ReadObjectAsync(request, cancel);
                var updated = path.Subresource switch
                {
                    "scale" => _registry.UpdateScale(type, path.Namespace!, path.Name, body, QueryOptions.Write(context)),
                    "status" => _registry.Update(type, path.Namespace, path.Name, body, status: true, QueryOptions.Write(context)),
                    _ => _registry.Update(type, path.Namespace, path.Name, body, status: false, QueryOptions.Write(context)),
                };
                await JsonResponses.WriteAsync(context, 200, updated);
                return;
            case "PATCH" when path.Name is not null:
                var (patchType, patch) = await RequestBody.ReadPatchAsync(request, cancel);
                var patched = path.Subresource switch
                {
                    "scale" => _registry.PatchScale(type, path.Namespace!, path.Name, patchType, patch, QueryOptions.Write(context)),
                    "status" => _registry.Patch(type, path.Namespace, path.Name, patchType, patch, status: true, QueryOptions.Write(context)),
                    _ => _registry.Patch(type, path.Namespace, path.Name, patchType, patch, status: false, QueryOptions.Write(context)),
                };
                await JsonResponses.WriteAsync(context, 200, patched);
                return;
            case "DELETE" when path.Name is not null && path.Subresource is null:
                var options = QueryOptions.Delete(query, await RequestBody.ReadOptionalObjectAsync(request, cancel));
                var outcome = _registry.Delete(type, path.Namespace, path.Name, options);
                await JsonResponses.WriteAsync(context, outcome.Pending ? 202 : 200, outcome.Body);
                return;
            case "DELETE" when path.Name is null:
                await DeleteCollectionAsync(context, path);
                return;
            default:
                throw ApiException.MethodNotAllowed(request.Method);
        }
    }

    private async Task DeleteCollectionAsync(HttpContext context, ApiPath path)
    {
        var type = path.Resource;
        var options = QueryOptions.Delete(context.Request.Query, await RequestBody.ReadOptionalObjectAsync(context.Request, context.RequestAborted));
        var page = _registry.List(type, path.Namespace, QueryOptions.List(context.Request.Query, type) with { Limit = 0, Continue = null });
        var deleted = new JsonArray();
        foreach (var item in page.Items)
        {
            try
            {
                var outcome = _registry.Delete(type, item.Namespace.Length == 0 ? null : item.Namespace, item.Name, options);
                deleted.Add(outcome.Body["kind"]?.GetValue<string>() == "Status" ? _registry.Serve(type, item) : outcome.Body);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Removed meanwhile (garbage collection); nothing to do.
            }
        }
        await JsonResponses.WriteAsync(context, 200, new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _registry.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        });
    }
}
