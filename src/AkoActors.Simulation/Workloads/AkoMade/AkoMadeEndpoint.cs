namespace AkoActors.Simulation.Workloads.AkoMade;

/// <summary>One ready endpoint AKO put into a pool: the pod address and, when the EndpointSlice names it, its node
/// (AKO's <c>server_node</c>).</summary>
public sealed record AkoMadeEndpoint(string Ip, string? Node = null);
