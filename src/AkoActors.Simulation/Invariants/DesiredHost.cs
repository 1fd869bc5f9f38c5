namespace AkoActors.Simulation.Invariants;

/// <summary>One host of an Ingress: its pool and endpoints, the shared VS it lands on, and the address its status shows.</summary>
public sealed record DesiredHost(string Ingress, string Host, string SharedVirtualService, string Pool, IReadOnlyList<string> Servers, string? StatusIp);
