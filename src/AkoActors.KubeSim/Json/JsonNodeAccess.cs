using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.Json;

/// <summary>Reads and writes nested fields of schemaless Kubernetes objects, which KubeSim keeps as JSON so unknown fields survive.</summary>
public static class JsonNodeAccess
{
    /// <summary>The node at a dotted path of object properties, or null when any step is missing.</summary>
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var step in path)
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(step, out current))
            {
                return null;
            }
        }
        return current;
    }

    /// <summary>The string at a path, or null when missing or not a string.</summary>
    public static string? StringAt(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The integer at a path, or null when missing or not a number.</summary>
    public static long? LongAt(this JsonNode? node, params string[] path)
    {
        if (node.At(path) is not JsonValue value)
        {
            return null;
        }
        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }
        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }
        if (value.TryGetValue<double>(out var d) && d == Math.Floor(d))
        {
            return (long)d;
        }
        return value.TryGetValue<System.Text.Json.JsonElement>(out var e) && e.ValueKind == System.Text.Json.JsonValueKind.Number && e.TryGetInt64(out var n) ? n : null;
    }

    /// <summary>The boolean at a path, or null when missing or not a boolean.</summary>
    public static bool? BoolAt(this JsonNode? node, params string[] path)
    {
        if (node.At(path) is not JsonValue value)
        {
            return null;
        }
        if (value.TryGetValue<bool>(out var b))
        {
            return b;
        }
        return value.TryGetValue<System.Text.Json.JsonElement>(out var e) && e.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
            ? e.GetBoolean()
            : null;
    }

    /// <summary>The object at a path, or null.</summary>
    public static JsonObject? ObjectAt(this JsonNode? node, params string[] path) => node.At(path) as JsonObject;

    /// <summary>The array at a path, or an empty sequence.</summary>
    public static IEnumerable<JsonNode?> ArrayAt(this JsonNode? node, params string[] path) =>
        node.At(path) as JsonArray ?? [];

    /// <summary>The object at a path, creating empty objects along the way (replacing non-objects).</summary>
    public static JsonObject EnsureObject(this JsonObject root, params string[] path)
    {
        var current = root;
        foreach (var step in path)
        {
            if (current[step] is not JsonObject next)
            {
                next = new JsonObject();
                current[step] = next;
            }
            current = next;
        }
        return current;
    }

    /// <summary>A string-to-string map (labels, annotations, selectors) at a path; non-string values are skipped.</summary>
    public static Dictionary<string, string> StringMapAt(this JsonNode? node, params string[] path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node.At(path) is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    map[key] = s;
                }
            }
        }
        return map;
    }

    /// <summary>A deep copy that shares nothing with the original.</summary>
    public static JsonObject CloneObject(this JsonObject obj) => (JsonObject)obj.DeepClone();

    /// <summary>Whether two nodes hold the same JSON (property order ignored).</summary>
    public static bool SameAs(this JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
