namespace AkoActors.Domain.Routes;

/// <summary>A key/value label on a VRF static route; <c>clustername=&lt;clusterName&gt;</c> marks the routes this cluster owns.</summary>
public sealed record RouteLabel(string Key, string Value)
{
    public const string ClusterNameKey = "clustername";

    /// <summary>The owner epoch of the VRF owner incarnation that last wrote the route (the fencing token every AkoActors write
    /// carries; the Avi client's <c>OwnerEpoch</c> stamps objects with the same key as a marker).</summary>
    public const string OwnerEpochKey = "ako-actors-epoch";

    public static RouteLabel ClusterName(string clusterName) => new(ClusterNameKey, clusterName);
}
