using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using k8s.Models;

namespace AkoActors.Kubernetes.Snapshots;

/// <summary>V1Ingress → <see cref="IngressSnapshot"/>; validation happens in translation, so odd input survives to be reported.</summary>
public static class IngressSnapshots
{
    public static IngressSnapshot From(V1Ingress ingress)
    {
        var spec = ingress.Spec ?? new V1IngressSpec();
        var rules = (spec.Rules ?? [])
            .Select(r => new IngressRuleSpec(
                string.IsNullOrEmpty(r.Host) ? null : r.Host,
                (r.Http?.Paths ?? []).Select(p => new IngressPathSpec(p.Path, p.PathType, Backend(p.Backend))).ToEquatableArray()))
            .ToEquatableArray();
        var tls = (spec.Tls ?? [])
            .Select(t => new IngressTlsSpec((t.Hosts ?? []).ToEquatableArray(), string.IsNullOrEmpty(t.SecretName) ? null : t.SecretName))
            .ToEquatableArray();
        var status = (ingress.Status?.LoadBalancer?.Ingress ?? [])
            .Select(i => new LoadBalancerIngressStatus(string.IsNullOrEmpty(i.Ip) ? null : i.Ip, string.IsNullOrEmpty(i.Hostname) ? null : i.Hostname))
            .ToEquatableArray();
        return new IngressSnapshot(
            new IngressKey(ingress.Metadata.NamespaceProperty ?? "default", ingress.Metadata.Name),
            ingress.Metadata.Uid ?? string.Empty,
            ingress.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.MinValue,
            string.IsNullOrEmpty(spec.IngressClassName) ? null : spec.IngressClassName,
            LabelSets.Of(ingress.Metadata.Annotations),
            rules,
            tls,
            spec.DefaultBackend is null ? null : Backend(spec.DefaultBackend),
            status,
            ingress.Metadata.DeletionTimestamp is not null);
    }

    private static IngressBackendSpec Backend(V1IngressBackend? backend)
    {
        if (backend?.Service is { } service)
        {
            PortReference? port = service.Port switch
            {
                { Number: { } number } => PortReference.OfNumber(number),
                { Name: { Length: > 0 } name } => PortReference.OfName(name),
                _ => null,
            };
            return new IngressBackendSpec(service.Name, port);
        }
        return new IngressBackendSpec(null, null, backend?.Resource?.Kind ?? "none");
    }
}
