using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using k8s.Models;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>V1Service → <see cref="ServiceSnapshot"/>, with the API's defaults applied (type ClusterIP, protocol TCP, targetPort = port).</summary>
public static class ServiceSnapshots
{
    public static ServiceSnapshot From(V1Service service)
    {
        var spec = service.Spec ?? new V1ServiceSpec();
        var ports = (spec.Ports ?? [])
            .Select(p => new ServicePortSpec(
                string.IsNullOrEmpty(p.Name) ? null : p.Name,
                string.IsNullOrEmpty(p.Protocol) ? "TCP" : p.Protocol,
                p.Port,
                TargetPort(p),
                p.NodePort))
            .ToEquatableArray();
        var status = (service.Status?.LoadBalancer?.Ingress ?? [])
            .Select(i => new LoadBalancerIngressStatus(NullIfEmpty(i.Ip), NullIfEmpty(i.Hostname)))
            .ToEquatableArray();
        return new ServiceSnapshot(
            new ServiceKey(service.Metadata.NamespaceProperty ?? "default", service.Metadata.Name),
            service.Metadata.Uid ?? string.Empty,
            string.IsNullOrEmpty(spec.Type) ? "ClusterIP" : spec.Type,
            NullIfEmpty(spec.LoadBalancerClass),
            ports,
            LabelSets.Of(service.Metadata.Annotations),
            NullIfEmpty(spec.LoadBalancerIP),
            string.Equals(spec.ExternalTrafficPolicy, "Local", StringComparison.Ordinal),
            status,
            service.Metadata.DeletionTimestamp is not null,
            service.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null)
        {
            IpFamilies = (spec.IpFamilies ?? []).ToEquatableArray(),
        };
    }

    private static PortReference TargetPort(V1ServicePort port)
    {
        var value = port.TargetPort?.Value;
        if (string.IsNullOrEmpty(value)) return PortReference.OfNumber(port.Port);
        return int.TryParse(value, out var number) ? PortReference.OfNumber(number) : PortReference.OfName(value);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
