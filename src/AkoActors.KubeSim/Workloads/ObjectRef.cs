namespace AkoActors.KubeSim.Workloads;

/// <summary>Where an object lives: storage, namespace and name.</summary>
public sealed record ObjectRef(string Storage, string Namespace, string Name);
