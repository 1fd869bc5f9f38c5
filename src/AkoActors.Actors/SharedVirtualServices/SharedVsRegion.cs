namespace AkoActors.Actors.SharedVirtualServices;

/// <summary>Actor-registry key of the shared-VS shard region.</summary>
public sealed class SharedVsRegion;
