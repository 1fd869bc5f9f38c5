using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Kubernetes;

/// <summary>An EndpointSlice of a Service (label kubernetes.io/service-name).</summary>
public sealed record EndpointSliceSnapshot(
    string Namespace,
    string Name,
    string ServiceName,
    string AddressType,
    EquatableArray<EndpointPortSpec> Ports,
    EquatableArray<EndpointSpec> Endpoints);
