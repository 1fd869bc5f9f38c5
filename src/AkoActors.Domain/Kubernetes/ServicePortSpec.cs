namespace AkoActors.Domain.Kubernetes;

/// <summary>One entry of a Service's spec.ports.</summary>
public sealed record ServicePortSpec(string? Name, string Protocol, int Port, PortReference TargetPort, int? NodePort);
