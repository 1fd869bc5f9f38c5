using System.Net;
using System.Text.Json.Nodes;

namespace AkoActors.AviSim.Tests.Support;

/// <summary>A response as tests look at it: status, parsed JSON body (if any) and headers.</summary>
public sealed record AviResponse(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Raw)
{
    public JsonObject Object => Body as JsonObject ?? throw new InvalidOperationException($"expected a JSON object, got {Body?.ToJsonString() ?? "nothing"} ({Status})");

    public string? Error => Body?["error"]?.GetValue<string>();

    public string Uuid => Object["uuid"]!.GetValue<string>();
}
