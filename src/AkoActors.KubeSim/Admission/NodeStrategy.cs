using System.Net;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>Node validation: pod CIDRs must parse and taint effects must be known; unlike most kinds a Node may be created with its status.</summary>
public sealed class NodeStrategy : IResourceStrategy
{
    private static readonly string[] Effects = ["NoExecute", "NoSchedule", "PreferNoSchedule"];

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj.ObjectAt("spec");
        var cidrs = spec.ArrayAt("podCIDRs").Select(c => c?.GetValue<string>()).ToList();
        if (spec.StringAt("podCIDR") is { } single)
        {
            cidrs.Insert(0, single);
        }
        foreach (var cidr in cidrs.Distinct())
        {
            if (cidr is null || !IPNetwork.TryParse(cidr, out _))
            {
                yield return FieldError.Invalid("spec.podCIDRs", JsonValue.Create(cidr), "must be a valid CIDR");
            }
        }
        var taints = spec.ArrayAt("taints").ToList();
        for (var i = 0; i < taints.Count; i++)
        {
            if (string.IsNullOrEmpty(taints[i].StringAt("key")))
            {
                yield return FieldError.Required($"spec.taints[{i}].key");
            }
            if (taints[i].StringAt("effect") is not { } effect || !Effects.Contains(effect))
            {
                yield return FieldError.NotSupported($"spec.taints[{i}].effect", taints[i]?["effect"], Effects);
            }
        }
    }
}
