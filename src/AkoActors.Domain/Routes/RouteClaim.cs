using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Routes;

/// <summary>A node's request for one route; when two nodes' CIDRs overlap, the claim of the node created later is refused.</summary>
public sealed record RouteClaim(NodeKey Node, PodRoute Route, DateTimeOffset? NodeCreated);
