namespace AkoActors.Domain.Kubernetes;

/// <summary>An Ingress backend: a Service in the Ingress's namespace and its port, or a resource backend (unsupported).</summary>
public sealed record IngressBackendSpec(string? ServiceName, PortReference? Port, string? ResourceKind = null);
