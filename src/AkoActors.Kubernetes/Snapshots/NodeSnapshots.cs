using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using k8s.Models;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>V1Node → <see cref="NodeSnapshot"/> (pod CIDRs from spec.podCIDRs, else spec.podCIDR).</summary>
public static class NodeSnapshots
{
    public static NodeSnapshot From(V1Node node)
    {
        var cidrs = node.Spec?.PodCIDRs is { Count: > 0 } list
            ? list.ToEquatableArray()
            : string.IsNullOrEmpty(node.Spec?.PodCIDR) ? EquatableArray<string>.Empty : new[] { node.Spec.PodCIDR }.ToEquatableArray();
        var addresses = (node.Status?.Addresses ?? [])
            .Select(a => new NodeAddressSpec(a.Type ?? string.Empty, a.Address ?? string.Empty))
            .ToEquatableArray();
        return new NodeSnapshot(new NodeKey(node.Metadata.Name), node.Metadata.Uid ?? string.Empty,
            LabelSets.Of(node.Metadata.Labels), LabelSets.Of(node.Metadata.Annotations), cidrs, addresses)
        {
            CreatedAt = node.Metadata.CreationTimestamp is { } created ? AsUtc(created) : null,
        };
    }

    /// <summary>The client reads RFC 3339 timestamps as UTC, sometimes with Kind Unspecified; never shift those by the local zone.</summary>
    private static DateTimeOffset AsUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
