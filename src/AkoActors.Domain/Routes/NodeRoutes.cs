using AkoActors.Domain.Collections;
using AkoActors.Domain.Translation;

namespace AkoActors.Domain.Routes;

/// <summary>What one Node contributes to the VRF: its routes, and the problems with its input that the user must fix.</summary>
/// <remarks>A node with problems may still have routes (an IPv6 CIDR without an IPv6 address does not stop its IPv4 route).</remarks>
public sealed record NodeRoutes(EquatableArray<PodRoute> Routes, EquatableArray<UserProblem> Problems)
{
    public static NodeRoutes None { get; } = new(EquatableArray<PodRoute>.Empty, EquatableArray<UserProblem>.Empty);
}
