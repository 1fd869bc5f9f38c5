namespace AkoActors.Actors.Ingresses;

/// <summary>Actor-registry key of the Ingress shard region.</summary>
public sealed class IngressRegion;
