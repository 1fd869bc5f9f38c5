using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Resources;
using Microsoft.AspNetCore.Http;

namespace AkoActors.KubeSim.Http;

/// <summary>Writes JSON answers: objects, Status errors, and lists whose items are copied byte for byte from the store.</summary>
public static class JsonResponses
{
    /// <summary>Writes a JSON body with a status code.</summary>
    public static async Task WriteAsync(HttpContext context, int code, JsonNode body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes a refusal as a Status object.</summary>
    public static Task WriteStatusAsync(HttpContext context, ApiException error) => WriteAsync(context, error.Code, error.ToStatus());

    /// <summary>Writes a list page (<c>kind: ServiceList</c> ...) with the stored items as they are.</summary>
    public static async Task WriteListAsync(HttpContext context, ResourceType type, ListPage page, ResourceRegistry registry)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("kind", type.ListKind);
        writer.WriteString("apiVersion", type.ApiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", page.ResourceVersion.ToString(CultureInfo.InvariantCulture));
        if (page.Continue is not null)
        {
            writer.WriteString("continue", page.Continue);
        }
        if (page.RemainingItemCount is { } remaining)
        {
            writer.WriteNumber("remainingItemCount", remaining);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("items");
        var count = 0;
        foreach (var item in page.Items)
        {
            if (type.Conversion is null)
            {
                writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
            }
            else
            {
                registry.Serve(type, item).WriteTo(writer);
            }
            if (++count % 256 == 0)
            {
                await writer.FlushAsync(context.RequestAborted);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
