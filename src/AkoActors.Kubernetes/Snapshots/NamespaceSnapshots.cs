using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Kubernetes;
using k8s.Models;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>V1Namespace → <see cref="NamespaceSnapshot"/>.</summary>
public static class NamespaceSnapshots
{
    public static NamespaceSnapshot From(V1Namespace ns) =>
        new(ns.Metadata.Name, LabelSets.Of(ns.Metadata.Labels), ns.Metadata.Annotations is { } annotations && annotations.TryGetValue(NamespaceSnapshot.TenantAnnotationKey, out var tenant) ? tenant : null)
        {
            InfraSettingAnnotation = ns.Metadata.Annotations is { } all && all.TryGetValue(AviInfraSettingSnapshot.NameAnnotation, out var setting) ? setting : null,
        };
}
