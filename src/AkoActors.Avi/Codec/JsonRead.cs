using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Codec;

/// <summary>Tolerant readers for controller JSON: a missing or oddly typed field reads as absent rather than throwing.</summary>
public static class JsonRead
{
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string? String(JsonObject json, string property) => String(json[property]);

    public static int? Int(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        if (value.TryGetValue<int>(out var number)) return number;
        if (value.TryGetValue<long>(out var wide) && wide is >= int.MinValue and <= int.MaxValue) return (int)wide;
        if (value.TryGetValue<double>(out var real) && real == Math.Floor(real)) return (int)real;
        if (value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var fromElement)) return fromElement;
        return value.TryGetValue<string>(out var text) && int.TryParse(text, out var parsed) ? parsed : null;
    }

    public static bool? Bool(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        if (value.TryGetValue<bool>(out var flag)) return flag;
        if (value.TryGetValue<JsonElement>(out var element) && element.ValueKind is JsonValueKind.True or JsonValueKind.False) return element.GetBoolean();
        return null;
    }

    public static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];

    public static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(String).OfType<string>() : [];

    public static string RefName(JsonObject json, string property) => AviRefs.NameOf(String(json, property)) ?? string.Empty;

    /// <summary>The markers of an object, without the owner-epoch stamp (a fencing token, not part of what is managed).</summary>
    public static EquatableArray<AviMarker> Markers(JsonObject json) =>
        Objects(json["markers"])
            .Where(m => String(m, "key") != Fencing.OwnerEpoch.MarkerKey)
            .Select(m => new AviMarker(String(m, "key") ?? string.Empty, Strings(m["values"]).ToEquatableArray()))
            .ToEquatableArray();

    public static AviObjectMeta Meta(JsonObject json, bool hasCreatedBy = true, bool hasServiceMetadata = true) =>
        new(hasCreatedBy ? String(json, "created_by") : null, Markers(json), hasServiceMetadata ? String(json, "service_metadata") : null);
}
