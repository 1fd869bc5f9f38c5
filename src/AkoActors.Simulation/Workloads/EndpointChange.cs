namespace AkoActors.Simulation.Workloads;

/// <summary>One endpoint change the workload made: when it was sent to the API server, whose EndpointSlice, and the Avi
/// pools that must hold the new endpoints (one for a LoadBalancer Service, one per host for an Ingress backend).</summary>
public sealed record EndpointChange(DateTimeOffset Sent, string Service, IReadOnlyList<string> Pools);
