namespace AkoActors.Domain.Routes;

/// <summary>One of this cluster's routes in the VRF, with its <c>&lt;clusterName&gt;-&lt;n&gt;</c> route id.</summary>
public sealed record OwnedRoute(string RouteId, PodRoute Route)
{
    public override string ToString() => $"{RouteId}: {Route}";
}
