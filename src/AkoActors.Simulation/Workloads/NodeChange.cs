namespace AkoActors.Simulation.Workloads;

/// <summary>One node change the workload sent to the API server: when, which Node, and what the VRF must show for it —
/// routes present (<c>10.32.3.0/24 via 10.0.0.4</c>) and prefixes gone (for change latencies).</summary>
public sealed record NodeChange(DateTimeOffset Sent, string Node, NodeChangeKind Kind, IReadOnlyList<string> Present, IReadOnlyList<string> AbsentPrefixes);
