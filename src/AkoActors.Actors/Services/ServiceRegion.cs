namespace AkoActors.Actors.Services;

/// <summary>Actor-registry key of the Service shard region.</summary>
public sealed class ServiceRegion;
