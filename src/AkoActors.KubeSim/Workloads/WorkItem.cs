namespace AkoActors.KubeSim.Workloads;

/// <summary>A unit of controller work; equal items queued twice are done once (level-triggered).</summary>
public sealed record WorkItem(WorkKind Kind, string Namespace, string Name);
