using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AkoActors.AviSim.Api;

/// <summary>Writes the controller's JSON responses: <c>{"error": ...}</c> bodies, bare objects and the
/// <c>{"count", "results", "next"}</c> envelope.</summary>
internal static class ResponseWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static Task ErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { ["error"] = error }.ToJsonString());
    }

    public static Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    public static async Task ObjectAsync(HttpContext context, int status, ObjectView view, ObjectRenderer renderer, RenderOptions options)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions))
        {
            renderer.Write(writer, view.Stored.Utf8, view.Derived, options);
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static async Task ListAsync(HttpContext context, ListPage page, string? next, ObjectRenderer renderer, RenderOptions options)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", page.Count);
            writer.WriteStartArray("results");
            foreach (var view in page.Results)
            {
                renderer.Write(writer, view.Stored.Utf8, view.Derived, options);
            }
            writer.WriteEndArray();
            if (next is not null)
            {
                writer.WriteString("next", next);
            }
            writer.WriteEndObject();
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
