namespace AkoActors.Simulation.Workloads.AkoMade;

/// <summary>One port of a LoadBalancer Service as AKO serves it: a service entry, a pool and an L4 rule per
/// (protocol, port); <paramref name="TargetPort"/> is the pool servers' port.</summary>
public sealed record AkoMadePort(string Protocol, int Port, int TargetPort);
