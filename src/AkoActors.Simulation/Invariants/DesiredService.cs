namespace AkoActors.Simulation.Invariants;

/// <summary>One LoadBalancer Service: its VS (and vsvip, L4 policy set of the same name), its pool and the endpoints the
/// pool must hold, and the address its status shows.</summary>
public sealed record DesiredService(string Name, string VirtualService, string Pool, IReadOnlyList<string> Servers, string? StatusIp);
