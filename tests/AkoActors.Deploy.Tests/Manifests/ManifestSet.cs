using System.Text.Json;
using System.Text.Json.Nodes;

namespace AkoActors.Deploy.Tests.Manifests;

/// <summary>Kubernetes objects keyed by kind, namespace and name: what <c>helm template</c> rendered, or what a test expects.</summary>
public sealed class ManifestSet
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private ManifestSet(IReadOnlyDictionary<string, JsonObject> objects) => Objects = objects;

    /// <summary>"Kind namespace/name" (or "Kind name" for cluster-scoped objects) → the object.</summary>
    public IReadOnlyDictionary<string, JsonObject> Objects { get; }

    public static ManifestSet Parse(string yaml)
    {
        var objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var document in YamlJson.ParseDocuments(yaml))
        {
            var item = document as JsonObject ?? throw new InvalidDataException($"a manifest document is not an object: {document}");
            var key = KeyOf(item);
            if (!objects.TryAdd(key, item)) throw new InvalidDataException($"{key} is rendered twice");
        }
        return new ManifestSet(objects);
    }

    public static string KeyOf(JsonObject item)
    {
        var kind = item["kind"]?.GetValue<string>() ?? throw new InvalidDataException($"an object without kind: {item}");
        var metadata = item["metadata"] as JsonObject ?? throw new InvalidDataException($"{kind} without metadata");
        var name = metadata["name"]?.GetValue<string>();
        var ns = metadata["namespace"]?.GetValue<string>();
        return ns is null ? $"{kind} {name}" : $"{kind} {ns}/{name}";
    }

    /// <summary>The one object of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public JsonObject Get(string kind, string name) =>
        Objects.Values.SingleOrDefault(o => o["kind"]?.GetValue<string>() == kind && o["metadata"]?["name"]?.GetValue<string>() == name)
        ?? throw new KeyNotFoundException($"no {kind} {name} among: {string.Join(", ", Objects.Keys)}");

    public bool Contains(string kind, string name) =>
        Objects.Values.Any(o => o["kind"]?.GetValue<string>() == kind && o["metadata"]?["name"]?.GetValue<string>() == name);

    /// <summary>Fails naming every object missing, extra or different (with both versions of the first differing path).</summary>
    public void AssertSameAs(ManifestSet expected)
    {
        var problems = new List<string>();
        foreach (var key in expected.Objects.Keys.Except(Objects.Keys)) problems.Add($"missing: {key}");
        foreach (var key in Objects.Keys.Except(expected.Objects.Keys)) problems.Add($"not expected: {key}\n{Objects[key].ToJsonString(Indented)}");
        foreach (var key in expected.Objects.Keys.Intersect(Objects.Keys))
        {
            if (FirstDifference(expected.Objects[key], Objects[key], "") is { } difference) problems.Add($"{key}: {difference}");
        }
        Assert.True(problems.Count == 0, "rendered manifests differ from the expected ones:\n" + string.Join("\n", problems));
    }

    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!e.ContainsKey(name)) return $"{path}.{name} not expected (rendered {Show(a[name])})";
                    if (!a.ContainsKey(name)) return $"{path}.{name} missing (expected {Show(e[name])})";
                    if (FirstDifference(e[name], a[name], $"{path}.{name}") is { } inner) return inner;
                }
                return null;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count) return $"{path} has {a.Count} items, expected {e.Count}: rendered {Show(a)}";
                for (var i = 0; i < e.Count; i++)
                {
                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is { } inner) return inner;
                }
                return null;
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{path} is {Show(actual)}, expected {Show(expected)}";
        }
    }

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";
}
