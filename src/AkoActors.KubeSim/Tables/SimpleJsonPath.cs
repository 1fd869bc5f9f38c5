using System.Text.Json;
using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.Tables;

/// <summary>
/// The subset of kubectl's JSONPath that printer columns use: <c>.a.b</c>, <c>.a[0]</c>, <c>.a[*]</c> and
/// <c>.a[?(@.type=="Ready")]</c> filters; an unsupported expression yields no value rather than failing the table.
/// </summary>
public static class SimpleJsonPath
{
    /// <summary>The values the path selects in <paramref name="root"/>, in order.</summary>
    public static IReadOnlyList<JsonNode?> Evaluate(JsonNode root, string path)
    {
        var current = new List<JsonNode?> { root };
        var text = path.Trim().TrimStart('{').TrimEnd('}').Trim();
        var i = 0;
        while (i < text.Length && current.Count > 0)
        {
            if (text[i] == '.')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is not ('.' or '['))
                {
                    end++;
                }
                var name = text[(i + 1)..end];
                current = name.Length == 0 ? current : current.Select(n => (n as JsonObject)?[name]).Where(n => n is not null).ToList();
                i = end;
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    return [];
                }
                var selector = text[(i + 1)..end];
                current = current.SelectMany(n => Select(n as JsonArray, selector)).ToList();
                i = end + 1;
            }
            else
            {
                return [];
            }
        }
        return current;
    }

    private static IEnumerable<JsonNode?> Select(JsonArray? list, string selector)
    {
        if (list is null)
        {
            return [];
        }
        if (selector == "*")
        {
            return list;
        }
        if (int.TryParse(selector, out var index))
        {
            index = index < 0 ? list.Count + index : index;
            return index >= 0 && index < list.Count ? [list[index]] : [];
        }
        if (selector.StartsWith("?(@.", StringComparison.Ordinal) && selector.EndsWith(')') && selector.Split("==") is [var left, var right])
        {
            var field = left[4..].Trim();
            var expected = right.TrimEnd(')').Trim().Trim('"', '\'');
            return list.Where(item => item is JsonObject o && o[field] is JsonValue v &&
                (v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()) == expected);
        }
        return [];
    }
}
