using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.Avi.Errors;
using AkoActors.Avi.Transport;

namespace AkoActors.Avi.Rest;

/// <summary>The controller's REST collections as JSON objects: get, paged list with filters, create, update, delete.</summary>
/// <remarks>Every read asks for <c>include_name</c>, so references come back as <c>url#name</c> and can be compared by name.</remarks>
public sealed class AviRestClient(AviConnection connection, int pageSize = 200)
{
    public AviConnection Connection => connection;

    /// <summary>One object by uuid; null when the controller does not have it.</summary>
    public async Task<JsonObject?> GetAsync(string type, string uuid, AviCallContext context, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.Get, $"api/{type}/{Uri.EscapeDataString(uuid)}?include_name=true", null, context, type, cancellationToken)
            .ConfigureAwait(false);
        if (response.Status == 404) return null;
        return ParseObject(Ensure(response, "GET", type), "GET", type);
    }

    /// <summary>A path outside the collections (<c>api/initial-data</c>, <c>api/ipamdnsproviderprofiledomainlist?…</c>).</summary>
    public async Task<JsonObject> GetPathAsync(string pathAndQuery, AviCallContext context, CancellationToken cancellationToken)
    {
        var type = pathAndQuery.TrimStart('/').Split('/', '?') is [_, var second, ..] ? second : pathAndQuery;
        var response = await connection.SendAsync(HttpMethod.Get, pathAndQuery, null, context, type, cancellationToken).ConfigureAwait(false);
        return ParseObject(Ensure(response, "GET", type), "GET", type);
    }

    /// <summary>Every object matching the filters, following <c>next</c> across pages.</summary>
    public async Task<List<JsonObject>> ListAsync(
        string type, IEnumerable<KeyValuePair<string, string>> filters, AviCallContext context, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        foreach (var (key, value) in filters) query.Append(CultureInfo.InvariantCulture, $"{key}={Uri.EscapeDataString(value)}&");
        query.Append(CultureInfo.InvariantCulture, $"include_name=true&page_size={pageSize}");
        var next = $"api/{type}?{query}";
        var results = new List<JsonObject>();
        var pages = 0;
        while (next is not null)
        {
            var response = await connection.SendAsync(HttpMethod.Get, next, null, context, type, cancellationToken).ConfigureAwait(false);
            var page = ParseObject(Ensure(response, "GET", type), "GET", type);
            results.AddRange(page["results"] is JsonArray items ? items.OfType<JsonObject>().Select(o => o.DeepClone().AsObject()) : []);
            next = RelativeNext(page["next"]);
            if (++pages > 100_000) throw new InvalidOperationException($"GET {type}: the controller keeps returning a next page");
        }
        return results;
    }

    public async Task<JsonObject> CreateAsync(string type, JsonObject body, AviCallContext context, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.Post, $"api/{type}", body, context, type, cancellationToken).ConfigureAwait(false);
        return ParseObject(Ensure(response, "POST", type), "POST", type);
    }

    public async Task<JsonObject> UpdateAsync(string type, string uuid, JsonObject body, AviCallContext context, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.Put, $"api/{type}/{Uri.EscapeDataString(uuid)}", body, context, type, cancellationToken)
            .ConfigureAwait(false);
        return ParseObject(Ensure(response, "PUT", type), "PUT", type);
    }

    /// <summary>Deletes; an object that is already gone counts as deleted.</summary>
    public async Task DeleteAsync(string type, string uuid, AviCallContext context, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.Delete, $"api/{type}/{Uri.EscapeDataString(uuid)}", null, context, type, cancellationToken)
            .ConfigureAwait(false);
        if (response.Status == 404) return;
        Ensure(response, "DELETE", type);
    }

    private static AviResponse Ensure(AviResponse response, string verb, string type) =>
        response.IsSuccess ? response : throw new AviApiException(AviErrorClassifier.Classify(response.Status, response.Body), verb, type);

    private static JsonObject ParseObject(AviResponse response, string verb, string type)
    {
        if (string.IsNullOrWhiteSpace(response.Body)) return [];
        try
        {
            return JsonNode.Parse(response.Body) as JsonObject
                ?? throw new AviApiException(new AviError(AviErrorKind.Transient, response.Status, "the controller answered with JSON that is not an object"), verb, type);
        }
        catch (JsonException exception)
        {
            throw new AviApiException(new AviError(AviErrorKind.Transient, response.Status, $"the controller answered with invalid JSON: {exception.Message}"), verb, type);
        }
    }

    /// <summary>The controller's <c>next</c> is an absolute URL naming its own host; only its path and query are followed.</summary>
    private static string? RelativeNext(JsonNode? next)
    {
        if (next is not JsonValue value || !value.TryGetValue<string>(out var text) || string.IsNullOrEmpty(text)) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute)) return absolute.PathAndQuery.TrimStart('/');
        return text.TrimStart('/');
    }
}
