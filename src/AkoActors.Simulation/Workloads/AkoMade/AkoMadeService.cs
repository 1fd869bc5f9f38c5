namespace AkoActors.Simulation.Workloads.AkoMade;

/// <summary>A LoadBalancer Service AKO served: its ports, the VIP it was given and the endpoints in its pools.</summary>
public sealed record AkoMadeService(string Namespace, string Name, IReadOnlyList<AkoMadePort> Ports, string Vip, IReadOnlyList<AkoMadeEndpoint> Endpoints);
