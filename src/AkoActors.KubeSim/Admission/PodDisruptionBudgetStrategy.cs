using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>
/// PodDisruptionBudget validation as kube-apiserver does it: minAvailable or maxUnavailable (not both), each a
/// non-negative integer or a percentage up to 100%, and a known unhealthyPodEvictionPolicy; status starts empty.
/// </summary>
public sealed class PodDisruptionBudgetStrategy : IResourceStrategy
{
    private static readonly string[] EvictionPolicies = ["AlwaysAllow", "IfHealthyBudget"];

    /// <inheritdoc />
    public void PrepareForCreate(JsonObject obj, AdmissionContext context) =>
        obj["status"] = new JsonObject { ["disruptionsAllowed"] = 0, ["currentHealthy"] = 0, ["desiredHealthy"] = 0, ["expectedPods"] = 0 };

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj.ObjectAt("spec");
        if (spec?["minAvailable"] is not null && spec["maxUnavailable"] is not null)
        {
            yield return FieldError.Invalid("spec", spec, "minAvailable and maxUnavailable cannot be both set");
        }
        foreach (var field in new[] { "minAvailable", "maxUnavailable" })
        {
            if (spec?[field] is { } value && CheckIntOrPercent(value) is { } problem)
            {
                yield return FieldError.Invalid($"spec.{field}", value, problem);
            }
        }
        if (spec.StringAt("unhealthyPodEvictionPolicy") is { } policy && !EvictionPolicies.Contains(policy))
        {
            yield return FieldError.NotSupported("spec.unhealthyPodEvictionPolicy", JsonValue.Create(policy), EvictionPolicies);
        }
    }

    private static string? CheckIntOrPercent(JsonNode value)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return value.GetValue<double>() < 0 ? "must be greater than or equal to 0" : null;
        }
        var text = value.GetValue<string>();
        if (!text.EndsWith('%') || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            return "must be an integer or percentage (e.g '5%')";
        }
        return percent > 100 ? "must not be greater than 100%" : null;
    }
}
