using AkoActors.Domain.Kubernetes;
using k8s.Models;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>V1IngressClass → <see cref="IngressClassSnapshot"/>.</summary>
public static class IngressClassSnapshots
{
    public static IngressClassSnapshot From(V1IngressClass ingressClass) =>
        new(ingressClass.Metadata.Name,
            ingressClass.Spec?.Controller ?? string.Empty,
            ingressClass.Metadata.Annotations is { } annotations &&
            annotations.TryGetValue(IngressClassSnapshot.DefaultClassAnnotation, out var isDefault) &&
            string.Equals(isDefault, "true", StringComparison.OrdinalIgnoreCase))
        {
            Parameters = ingressClass.Spec?.Parameters is { Kind: { } kind, Name: { } name } ? $"{kind} {name}" : null,
            ParametersApiGroup = ingressClass.Spec?.Parameters?.ApiGroup,
            ParametersKind = ingressClass.Spec?.Parameters?.Kind,
            ParametersName = ingressClass.Spec?.Parameters?.Name,
        };
}
