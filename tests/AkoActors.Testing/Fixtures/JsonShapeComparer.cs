using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AkoActors.Testing.Fixtures;

/// <summary>Compares the shape of two JSON documents — key sets and value kinds, not values — so a
/// simulator's or client's output can be held against a recorded controller response.</summary>
/// <remarks>Strings are classed as plain text, a ref (an <c>http(s)://host/api/...</c> URL) or a ref with a
/// <c>#name</c> suffix. The only normalisation: an expected ref without <c>#name</c> (older recordings) accepts
/// an actual ref with one. Array elements are each compared to the expected array's first element.</remarks>
public static partial class JsonShapeComparer
{
    /// <summary>Differences as <c>path: what</c>; empty when the shapes agree. With <paramref name="topLevelFields"/>
    /// only those root fields are compared (those the expected document has); below them everything is compared.</summary>
    public static IReadOnlyList<string> Compare(JsonNode? expected, JsonNode? actual, IEnumerable<string>? topLevelFields = null)
    {
        var differences = new List<string>();
        var fields = topLevelFields?.ToHashSet(StringComparer.Ordinal);
        if (fields is not null && expected is JsonObject expectedRoot && actual is JsonObject actualRoot)
        {
            foreach (var (key, value) in expectedRoot)
            {
                if (!fields.Contains(key))
                {
                    continue;
                }
                if (!actualRoot.ContainsKey(key))
                {
                    differences.Add($"{key}: missing (expected {Describe(value)})");
                    continue;
                }
                CompareNode(value, actualRoot[key], key, differences);
            }
            return differences;
        }
        CompareNode(expected, actual, "$", differences);
        return differences;
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
