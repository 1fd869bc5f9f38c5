using AkoActors.Domain.Collections;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Kubernetes;

/// <summary>What the controller needs of a networking.k8s.io/v1 Ingress.</summary>
public sealed record IngressSnapshot(
    IngressKey Key,
    string Uid,
    DateTimeOffset CreationTimestamp,
    string? IngressClassName,
    LabelSet Annotations,
    EquatableArray<IngressRuleSpec> Rules,
    EquatableArray<IngressTlsSpec> Tls,
    IngressBackendSpec? DefaultBackend,
    EquatableArray<LoadBalancerIngressStatus> Status,
    bool IsDeleting = false);
