namespace AkoActors.Domain.Kubernetes;

/// <summary>One HTTP path of an Ingress rule.</summary>
public sealed record IngressPathSpec(string? Path, string? PathType, IngressBackendSpec Backend);
