namespace AkoActors.Domain.Kubernetes;

/// <summary>One entry of AKO's <c>ako.vmware.com/host-fqdn-vs-uuid-map</c>: the virtual service that serves a host (an
/// Ingress's TLS host: its SNI child; an insecure host: the shared parent; a Service's automatic FQDN: its L4 VS).</summary>
public sealed record HostVirtualService(string Host, string VirtualServiceUuid);
