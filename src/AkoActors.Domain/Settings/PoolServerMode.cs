namespace AkoActors.Domain.Settings;

/// <summary>What pool servers are (L7Settings.serviceType): pod endpoints, or node IP with the Service's nodePort.</summary>
public enum PoolServerMode
{
    ClusterIp,
    NodePort,
}
