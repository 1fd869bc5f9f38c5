namespace AkoActors.Simulation.Invariants;

/// <summary>A point in a run: the audit log's length and the resourceVersion of every Service and Ingress, so writes
/// made after it (to the controller, or to Kubernetes statuses) can be listed.</summary>
public sealed record WriteMark(long AuditSequence, IReadOnlyDictionary<string, string> ResourceVersions, TimeSpan At);
