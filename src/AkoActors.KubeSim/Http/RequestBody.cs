using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Registry;
using AkoActors.Yaml;
using Microsoft.AspNetCore.Http;

namespace AkoActors.KubeSim.Http;

/// <summary>Reads request bodies in the formats kube-apiserver accepts (JSON, YAML, and the three patch types), refusing malformed input with 400 and unknown formats with 415.</summary>
public static class RequestBody
{
    private const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>The body of a create or update as a JSON object.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellation)
    {
        var mediaType = MediaType(request);
        if (mediaType == "application/vnd.kubernetes.protobuf")
        {
            return Protobuf.KubeProtobufReader.Read(await ReadBytesAsync(request, cancellation));
        }
        if (mediaType is not ("application/json" or "application/yaml" or "application/x-yaml" or "text/yaml" or ""))
        {
            throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got {mediaType})");
        }
        var text = await ReadTextAsync(request, cancellation);
        var node = mediaType is "application/json" or "" ? ParseJson(text) : ParseYaml(text);
        return node as JsonObject ?? throw ApiException.BadRequest("couldn't get version/kind; json parse error: the body must be a JSON object");
    }

    /// <summary>The body of a PATCH and its type; apply patches (server-side apply) are refused with 415.</summary>
    public static async Task<(PatchType Type, JsonNode? Patch)> ReadPatchAsync(HttpRequest request, CancellationToken cancellation)
    {
        var mediaType = MediaType(request);
        var type = mediaType switch
        {
            "application/merge-patch+json" => PatchType.Merge,
            "application/json-patch+json" => PatchType.Json,
            "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
            _ => throw ApiException.UnsupportedMediaType(mediaType),
        };
        var text = await ReadTextAsync(request, cancellation);
        return (type, ParseJson(text));
    }

    /// <summary>The body of a DELETE as DeleteOptions, when there is one.</summary>
    public static async Task<JsonObject?> ReadOptionalObjectAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (MediaType(request) == "application/vnd.kubernetes.protobuf")
        {
            var bytes = await ReadBytesAsync(request, cancellation);
            return bytes.Length == 0 ? null : Protobuf.KubeProtobufReader.Read(bytes);
        }
        var text = await ReadTextAsync(request, cancellation);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var mediaType = MediaType(request);
        var node = mediaType.Contains("yaml", StringComparison.Ordinal) ? ParseYaml(text) : ParseJson(text);
        return node as JsonObject ?? throw ApiException.BadRequest("the body must be a JSON object");
    }

    /// <summary>Parses JSON strictly (duplicate keys refused), answering 400 on malformed input.</summary>
    public static JsonNode? ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 256 });
            return JsonNode.Parse(document.RootElement.GetRawText());
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    private static JsonNode? ParseYaml(string text)
    {
        try
        {
            return YamlJson.Parse(text);
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
    }

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new ApiException(413, "RequestEntityTooLarge", "request entity too large");
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellation);
        return buffer.Length > MaxBytes ? throw new ApiException(413, "RequestEntityTooLarge", "request entity too large") : buffer.ToArray();
    }

    private static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new ApiException(413, "RequestEntityTooLarge", "request entity too large");
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellation);
        if (buffer.Length > MaxBytes)
        {
            throw new ApiException(413, "RequestEntityTooLarge", "request entity too large");
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw ApiException.BadRequest("the request body is not valid UTF-8");
        }
    }

    private static string MediaType(HttpRequest request) =>
        (request.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
}
