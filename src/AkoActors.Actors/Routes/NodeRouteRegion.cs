namespace AkoActors.Actors.Routes;

/// <summary>Actor-registry key of the node-route shard region.</summary>
public sealed class NodeRouteRegion;
