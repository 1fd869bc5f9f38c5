using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;

namespace AkoActors.KubeSim.Patching;

/// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>): add, remove, replace, move, copy and test with JSON pointers.</summary>
public static class JsonPatch
{
    /// <summary>The result of applying the operations in order; a failed operation or test refuses the whole patch.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("json patch must be an array of operations");
        }
        var document = target?.DeepClone();
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op)
            {
                throw ApiException.BadRequest("json patch operations must be objects");
            }
            var name = (string?)op["op"] ?? throw ApiException.BadRequest("json patch operation without \"op\"");
            var path = (string?)op["path"] ?? throw ApiException.BadRequest($"json patch {name} without \"path\"");
            switch (name)
            {
                case "add":
                    document = Add(document, path, RequireValue(op, name));
                    break;
                case "remove":
                    document = Remove(document, path, out _);
                    break;
                case "replace":
                    document = Remove(document, path, out _);
                    document = Add(document, path, RequireValue(op, name));
                    break;
                case "move":
                    var from = (string?)op["from"] ?? throw ApiException.BadRequest("json patch move without \"from\"");
                    document = Remove(document, from, out var moved);
                    document = Add(document, path, moved);
                    break;
                case "copy":
                    var source = (string?)op["from"] ?? throw ApiException.BadRequest("json patch copy without \"from\"");
                    document = Add(document, path, Resolve(document, source)?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(document, path), op["value"]))
                    {
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    }
                    break;
                default:
                    throw ApiException.BadRequest($"Unexpected kind: {name}");
            }
        }
        return document;
    }

    private static JsonNode? RequireValue(JsonObject op, string name) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw ApiException.BadRequest($"json patch {name} operation has no value");

    private static string[] Split(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }
        if (pointer[0] != '/')
        {
            throw ApiException.BadRequest($"invalid JSON pointer \"{pointer}\"");
        }
        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static JsonNode? Resolve(JsonNode? document, string pointer)
    {
        var current = document;
        foreach (var token in Split(pointer))
        {
            current = current switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var next) => next,
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw Missing(pointer),
            };
        }
        return current;
    }

    private static JsonNode? Add(JsonNode? document, string pointer, JsonNode? value)
    {
        var tokens = Split(pointer);
        if (tokens.Length == 0)
        {
            return value;
        }
        var parent = Resolve(document, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Missing(pointer);
        }
        return document;
    }

    private static JsonNode? Remove(JsonNode? document, string pointer, out JsonNode? removed)
    {
        var tokens = Split(pointer);
        if (tokens.Length == 0)
        {
            removed = document;
            return null;
        }
        var parent = Resolve(document, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.Remove(last, out removed):
                return document;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                return document;
            default:
                throw Missing(pointer);
        }
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static ApiException Missing(string pointer) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{pointer}\": missing value");
}
