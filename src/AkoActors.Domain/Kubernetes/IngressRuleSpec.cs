using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Kubernetes;

/// <summary>One rule of an Ingress: a host (possibly empty) and its HTTP paths.</summary>
public sealed record IngressRuleSpec(string? Host, EquatableArray<IngressPathSpec> Paths);
