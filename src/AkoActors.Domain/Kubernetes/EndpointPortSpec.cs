namespace AkoActors.Domain.Kubernetes;

/// <summary>A port of an EndpointSlice: the resolved target port, named after the Service port it serves.</summary>
public sealed record EndpointPortSpec(string? Name, int? Port, string Protocol);
