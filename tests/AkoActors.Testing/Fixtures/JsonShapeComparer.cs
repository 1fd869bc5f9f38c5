using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AkoActors.Testing.Fixtures;

/// <summary>Compares the shape of two JSON documents — key sets and value kinds, not values — so a
/// simulator's or client's output can be held against a recorded controller response.</summary>
/// <remarks>Strings are classed as plain text, a ref (an <c>http(s)://host/api/...</c> URL) or a ref with a
/// <c>#name</c> suffix. The only normalisation: an expected ref without <c>#name</c> (older recordings) accepts
/// an actual ref with one. Array elements are each compared to the expected array's first element, so pick a
/// recording whose first element is the kind of object being compared.</remarks>
public static partial class JsonShapeComparer
{
    /// <summary>Differences as <c>path: what</c>; empty when the shapes agree.</summary>
    /// <param name="expected">The recorded (golden) document.</param>
    /// <param name="actual">The document under test.</param>
    /// <param name="fieldPaths">Which fields to compare, e.g. <c>name</c>, <c>vip</c>, <c>servers[].ip</c>,
    /// <c>internal_profile.ttl</c>; a path the expected document lacks is skipped, and below a selected path
    /// everything is compared. Null compares the whole documents.</param>
    public static IReadOnlyList<string> Compare(JsonNode? expected, JsonNode? actual, IEnumerable<string>? fieldPaths = null)
    {
        var differences = new List<string>();
        if (fieldPaths is null)
        {
            CompareNode(expected, actual, "$", differences);
            return differences;
        }
        foreach (var fieldPath in fieldPaths)
        {
            CompareSelected(expected, actual, fieldPath.Split('.'), "", differences);
        }
        return differences;
    }

    private static void CompareSelected(JsonNode? expected, JsonNode? actual, string[] segments, string path, List<string> differences)
    {
        if (segments.Length == 0)
        {
            CompareNode(expected, actual, path.Length == 0 ? "$" : path, differences);
            return;
        }
        var segment = segments[0];
        var isArray = segment.EndsWith("[]", StringComparison.Ordinal);
        var key = isArray ? segment[..^2] : segment;
        var childPath = path.Length == 0 ? key : $"{path}.{key}";
        if (expected is not JsonObject expectedObject || !expectedObject.ContainsKey(key))
        {
            return; // the recording does not have this field: nothing to hold the actual against
        }
        if (actual is not JsonObject actualObject || !actualObject.ContainsKey(key))
        {
            differences.Add($"{childPath}: missing (expected {Describe(expectedObject[key])})");
            return;
        }
        var expectedValue = expectedObject[key];
        var actualValue = actualObject[key];
        if (!isArray)
        {
            CompareSelected(expectedValue, actualValue, segments[1..], childPath, differences);
            return;
        }
        if (expectedValue is not JsonArray expectedArray || actualValue is not JsonArray actualArray)
        {
            differences.Add($"{childPath}: expected {Describe(expectedValue)}, got {Describe(actualValue)}");
            return;
        }
        if (expectedArray.Count == 0)
        {
            return;
        }
        if (actualArray.Count == 0)
        {
            differences.Add($"{childPath}: expected elements like {Describe(expectedArray[0])}, got an empty array");
        }
        for (var i = 0; i < actualArray.Count; i++)
        {
            CompareSelected(expectedArray[0], actualArray[i], segments[1..], $"{childPath}[{i}]", differences);
        }
    }

    /// <summary>The shape class of a value: object, array, number, boolean, null, string, ref or ref#name.</summary>
    public static string Describe(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }
        return node.GetValueKind() switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.String => StringClass(node.GetValue<string>()),
            _ => "null",
        };
    }

    private static void CompareNode(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        var expectedKind = Describe(expected);
        var actualKind = Describe(actual);
        if (expectedKind != actualKind && !(expectedKind == "ref" && actualKind == "ref#name"))
        {
            differences.Add($"{path}: expected {expectedKind}, got {actualKind}");
            return;
        }
        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = (JsonObject)actual!;
                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: missing (expected {Describe(value)})");
                    }
                    else
                    {
                        CompareNode(value, actualObject[key], $"{path}.{key}", differences);
                    }
                }
                foreach (var (key, value) in actualObject)
                {
                    if (!expectedObject.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: unexpected {Describe(value)}");
                    }
                }
                break;
            case JsonArray expectedArray:
                var actualArray = (JsonArray)actual!;
                if (expectedArray.Count > 0 && actualArray.Count == 0)
                {
                    differences.Add($"{path}: expected elements like {Describe(expectedArray[0])}, got an empty array");
                }
                if (expectedArray.Count == 0)
                {
                    break;
                }
                for (var i = 0; i < actualArray.Count; i++)
                {
                    CompareNode(expectedArray[0], actualArray[i], $"{path}[{i}]", differences);
                }
                break;
        }
    }

    private static string StringClass(string text)
    {
        var match = RefPattern().Match(text);
        if (!match.Success)
        {
            return "string";
        }
        return match.Groups["name"].Success ? "ref#name" : "ref";
    }

    [GeneratedRegex(@"^https?://[^/\s]+/api/[a-z0-9-]+(/[^#\s]*)?(?<name>#.+)?$")]
    private static partial Regex RefPattern();
}
