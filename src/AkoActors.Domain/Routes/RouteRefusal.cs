using AkoActors.Domain.Keys;
using AkoActors.Domain.Translation;

namespace AkoActors.Domain.Routes;

/// <summary>A claim the merge did not program because its CIDR overlaps a route that came first; a Warning event on the node.</summary>
public sealed record RouteRefusal(NodeKey Node, PodRoute Route, string Message)
{
    public const string Reason = "PodCIDROverlap";

    public UserProblem AsProblem() => new(Reason, Message);
}
