using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;

namespace AkoActors.KubeSim.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for the built-in kinds: like a merge patch,
/// but lists with a merge key (containers by name, ports by port, conditions by type...) merge element by element,
/// and the directives kubectl emits (<c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/</c>,
/// <c>$deleteFromPrimitiveList/</c>) are honoured.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>The result of applying <paramref name="patch"/> to <paramref name="original"/> for an object of <paramref name="kind"/> (inputs unchanged).</summary>
    public static JsonObject Apply(JsonObject original, JsonNode? patch, string kind)
    {
        if (patch is not JsonObject patchObject)
        {
            throw ApiException.BadRequest("strategic merge patch must be a JSON object");
        }
        return MergeMap(original.DeepClone().AsObject(), patchObject, kind, []) ?? new JsonObject();
    }

    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, string kind, List<string> path)
    {
        switch ((string?)patch[PatchDirective])
        {
            case "replace":
                return StripDirectives(patch);
            case "delete":
                return null;
            case null or "merge":
                break;
            default:
                throw ApiException.BadRequest($"unknown patch directive {(string?)patch[PatchDirective]}");
        }
        foreach (var (key, value) in patch)
        {
            if (key == PatchDirective || key == RetainKeysDirective || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveListPrefix.Length..];
                if (original[field] is JsonArray list && value is JsonArray remove)
                {
                    var kept = list.Where(item => !remove.Any(r => JsonNode.DeepEquals(r, item))).Select(i => i?.DeepClone()).ToArray();
                    original[field] = new JsonArray(kept);
                }
                continue;
            }
            if (value is null)
            {
                original.Remove(key);
                continue;
            }
            path.Add(key);
            original.TryGetPropertyValue(key, out var existing);
            switch (value)
            {
                case JsonObject childPatch when ReplacesWhole(kind, path):
                    original[key] = StripDirectives(childPatch);
                    break;
                case JsonObject childPatch:
                    var merged = MergeMap(existing as JsonObject ?? new JsonObject(), childPatch, kind, path);
                    if (merged is null)
                    {
                        original.Remove(key);
                    }
                    else if (!ReferenceEquals(merged, existing))
                    {
                        original[key] = merged;
                    }
                    break;
                case JsonArray listPatch:
                    original[key] = MergeList(existing as JsonArray, listPatch, kind, path, patch[SetElementOrderPrefix + key] as JsonArray);
                    break;
                default:
                    original[key] = value.DeepClone();
                    break;
            }
            path.RemoveAt(path.Count - 1);
        }
        if (patch[RetainKeysDirective] is JsonArray retain)
        {
            var keep = retain.Select(k => (string?)k).ToHashSet();
            foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(key);
            }
        }
        foreach (var (key, order) in patch.Where(p => p.Key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)))
        {
            var field = key[SetElementOrderPrefix.Length..];
            if (!patch.ContainsKey(field) && original[field] is JsonArray list && order is JsonArray orderList)
            {
                path.Add(field);
                original[field] = Reorder(list, orderList, ListMergeRule.For(kind, path).MergeKey);
                path.RemoveAt(path.Count - 1);
            }
        }
        return original;
    }

    // Struct fields tagged patchStrategy:"replace" in the Go types: the patch's value replaces the stored one whole.
    private static bool ReplacesWhole(string kind, List<string> path) =>
        kind == "PodDisruptionBudget" && path is ["spec", "selector"];

    private static JsonArray MergeList(JsonArray? original, JsonArray patch, string kind, List<string> path, JsonArray? order)
    {
        var rule = ListMergeRule.For(kind, path);
        if (rule.MergeKey is null && !rule.MergePrimitives)
        {
            return StripDirectivesInList(patch);
        }
        var result = original is null ? new List<JsonNode?>() : original.Select(i => i?.DeepClone()).ToList();
        if (rule.MergePrimitives)
        {
            foreach (var item in patch.Where(item => !result.Any(r => JsonNode.DeepEquals(r, item))))
            {
                result.Add(item?.DeepClone());
            }
            return order is null ? new JsonArray(result.ToArray()) : Reorder(new JsonArray(result.ToArray()), order, null);
        }
        var mergeKey = rule.MergeKey!;
        if (patch.OfType<JsonObject>().Any(e => (string?)e[PatchDirective] == "replace"))
        {
            return new JsonArray(patch.OfType<JsonObject>().Where(e => (string?)e[PatchDirective] != "replace").Select(e => (JsonNode?)StripDirectives(e)).ToArray());
        }
        foreach (var element in patch)
        {
            if (element is not JsonObject elementPatch)
            {
                result.Add(element?.DeepClone());
                continue;
            }
            var keyValue = elementPatch[mergeKey];
            var index = result.FindIndex(r => r is JsonObject o && JsonNode.DeepEquals(o[mergeKey], keyValue));
            if ((string?)elementPatch[PatchDirective] == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
                continue;
            }
            if (index >= 0)
            {
                var merged = MergeMap((JsonObject)result[index]!, elementPatch, kind, path);
                if (merged is null)
                {
                    result.RemoveAt(index);
                }
                else
                {
                    result[index] = merged;
                }
            }
            else
            {
                result.Add(MergeMap(new JsonObject(), elementPatch, kind, path));
            }
        }
        var array = new JsonArray(result.ToArray());
        return order is null ? array : Reorder(array, order, mergeKey);
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        JsonNode? KeyOf(JsonNode? item) => mergeKey is null ? item : item?[mergeKey];
        var items = list.Select(i => i?.DeepClone()).ToList();
        var ordered = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var wantedKey = mergeKey is null ? wanted : wanted?[mergeKey];
            var index = items.FindIndex(i => JsonNode.DeepEquals(KeyOf(i), wantedKey));
            if (index >= 0)
            {
                ordered.Add(items[index]);
                items.RemoveAt(index);
            }
        }
        ordered.AddRange(items);
        return new JsonArray(ordered.ToArray());
    }

    private static JsonObject StripDirectives(JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }
            result[key] = value switch
            {
                JsonObject o => StripDirectives(o),
                JsonArray a => StripDirectivesInList(a),
                _ => value?.DeepClone(),
            };
        }
        return result;
    }

    private static JsonArray StripDirectivesInList(JsonArray list) =>
        new(list.Select(i => i is JsonObject o ? StripDirectives(o) : i?.DeepClone()).ToArray());
}
