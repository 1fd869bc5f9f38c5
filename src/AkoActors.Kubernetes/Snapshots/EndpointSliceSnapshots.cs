using AkoActors.Domain.Collections;
using AkoActors.Domain.Kubernetes;
using k8s.Models;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>V1EndpointSlice → <see cref="EndpointSliceSnapshot"/>, resolving unset conditions as the API defines them.</summary>
public static class EndpointSliceSnapshots
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <summary>Null for slices that belong to no Service (no service-name label).</summary>
    public static EndpointSliceSnapshot? From(V1EndpointSlice slice)
    {
        if (slice.Metadata.Labels is null || !slice.Metadata.Labels.TryGetValue(ServiceNameLabel, out var service) || string.IsNullOrEmpty(service))
        {
            return null;
        }
        var ports = (slice.Ports ?? [])
            .Select(p => new EndpointPortSpec(string.IsNullOrEmpty(p.Name) ? null : p.Name, p.Port, string.IsNullOrEmpty(p.Protocol) ? "TCP" : p.Protocol))
            .ToEquatableArray();
        var endpoints = (slice.Endpoints ?? [])
            .Select(e =>
            {
                // Unset ready means ready; unset serving means "same as ready"; unset terminating means not terminating.
                var ready = e.Conditions?.Ready ?? true;
                return new EndpointSpec(
                    (e.Addresses ?? []).ToEquatableArray(),
                    ready,
                    e.Conditions?.Serving ?? ready,
                    e.Conditions?.Terminating ?? false,
                    string.IsNullOrEmpty(e.NodeName) ? null : e.NodeName);
            })
            .ToEquatableArray();
        return new EndpointSliceSnapshot(slice.Metadata.NamespaceProperty ?? "default", slice.Metadata.Name, service, slice.AddressType ?? "IPv4", ports, endpoints);
    }
}
