using System.Globalization;
using System.Text.Json;
using AkoActors.Domain.CustomResources;

namespace AkoActors.Kubernetes.CustomResources;

/// <summary>What every AKO rule resource carries beside its spec, read the same way for each kind: the status AKO (or this
/// controller) last wrote and the generation it was decided for.</summary>
public static class RuleResourceFields
{
    /// <summary><c>status.status</c> with <c>status.error</c>; null until a status is written.</summary>
    public static RuleStatus? Status(CustomResource resource) =>
        resource.Status is { ValueKind: JsonValueKind.Object } status && Json.String(status, "status") is { } value
            ? new RuleStatus(value, Json.String(status, "error") ?? string.Empty)
            : null;

    /// <summary>The generation the status was decided for (<see cref="RuleAdmission.Annotation"/>); null when never recorded.</summary>
    public static long? DecidedGeneration(CustomResource resource) =>
        resource.Metadata.Annotations?.TryGetValue(RuleAdmission.Annotation, out var decided) == true &&
        long.TryParse(decided, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? generation
            : null;
}
