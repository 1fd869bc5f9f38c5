using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Registry;

namespace AkoActors.KubeSim.Workloads;

/// <summary>The <c>pod-template-hash</c> that names a Deployment's ReplicaSets: FNV-1a over the template, rendered with Kubernetes' safe alphabet (e.g. <c>5d59d67564</c>).</summary>
public static class PodTemplateHash
{
    /// <summary>The hash of a pod template (plus the Deployment's collisionCount).</summary>
    public static string Compute(JsonNode? template, long collisionCount = 0)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Canonical(template) + collisionCount.ToString(CultureInfo.InvariantCulture)))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(c => RandomSuffix.Alphabet[c % RandomSuffix.Alphabet.Length]));
    }

    // Property order and explicit nulls must not matter (a template restored by `kubectl rollout undo` arrives
    // re-ordered, with creationTimestamp: null), just as they vanish when the real controller hashes the Go struct.
    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonValue.Create(p.Key).ToJsonString() + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        _ => node.ToJsonString(),
    };
}
