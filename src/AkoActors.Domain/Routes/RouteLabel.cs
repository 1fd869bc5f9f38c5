namespace AkoActors.Domain.Routes;

/// <summary>A key/value label on a VRF static route; <c>clustername=&lt;clusterName&gt;</c> marks the routes this cluster owns.</summary>
public sealed record RouteLabel(string Key, string Value)
{
    public const string ClusterNameKey = "clustername";

    public static RouteLabel ClusterName(string clusterName) => new(ClusterNameKey, clusterName);
}
