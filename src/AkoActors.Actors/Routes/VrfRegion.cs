namespace AkoActors.Actors.Routes;

/// <summary>Actor-registry key of the VRF shard region.</summary>
public sealed class VrfRegion;
