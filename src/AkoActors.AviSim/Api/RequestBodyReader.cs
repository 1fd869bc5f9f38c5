using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Store;
using Microsoft.AspNetCore.Http;

namespace AkoActors.AviSim.Api;

/// <summary>Reads a request body as one JSON object, refusing oversized and malformed bodies with a 400 that
/// says what is wrong.</summary>
internal static class RequestBodyReader
{
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            throw AviRequestException.BadRequest($"Request body of {request.ContentLength} bytes exceeds the limit of {maxBytes} bytes");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw AviRequestException.BadRequest($"Request body exceeds the limit of {maxBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            throw AviRequestException.BadRequest("Request body is empty: expected a JSON object");
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw AviRequestException.BadRequest($"Malformed JSON in request body: {ex.Message}");
        }
        return node as JsonObject ?? throw AviRequestException.BadRequest("Request body must be a JSON object");
    }
}
