namespace AkoActors.Domain.Avi;

/// <summary>A VS's <c>performance_limits</c>: the most concurrent client connections and the most throughput (Mbps) it lets
/// through from all clients; either may be left to the controller (no limit).</summary>
public sealed record L4PerformanceLimits(int? MaxConcurrentConnections, int? MaxThroughput)
{
    /// <summary>Null when neither limit is given: an empty <c>performance_limits</c> limits nothing, so none is written.</summary>
    public static L4PerformanceLimits? Of(int? maxConcurrentConnections, int? maxThroughput) =>
        maxConcurrentConnections is null && maxThroughput is null ? null : new(maxConcurrentConnections, maxThroughput);
}
