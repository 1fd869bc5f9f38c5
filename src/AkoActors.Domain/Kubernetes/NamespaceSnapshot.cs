namespace AkoActors.Domain.Kubernetes;

/// <summary>A Kubernetes Namespace's name and labels (for the namespace selector).</summary>
public sealed record NamespaceSnapshot(string Name, Collections.LabelSet Labels);
