namespace AkoActors.Simulation.Workloads.AkoMade;

/// <summary>One path of an Ingress host: its backend Service, the servers' port and the endpoints AKO put in its pool.</summary>
public sealed record AkoMadePath(string Path, string Service, int TargetPort, IReadOnlyList<AkoMadeEndpoint> Endpoints);
