using System.Net;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Networking;

namespace AkoActors.Domain.Routes;

/// <summary>A static route as found in the VRF context, whoever made it; prefix and next hop are null when unparsable.</summary>
/// <remarks>Only routes labelled <c>clustername=&lt;ours&gt;</c> are ever changed; every other route is written back verbatim.</remarks>
public sealed record VrfStaticRoute(string RouteId, IpCidr? Prefix, IPAddress? NextHop, EquatableArray<RouteLabel> Labels)
{
    public bool IsOwnedBy(string clusterName) =>
        Labels.Any(l => l.Key == RouteLabel.ClusterNameKey && l.Value == clusterName);

    /// <summary>The owner epoch the route was written with, or null when it carries none (older writers, AKO).</summary>
    public long? Epoch => Labels.Where(l => l.Key == RouteLabel.OwnerEpochKey)
        .Select(l => long.TryParse(l.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var epoch) ? epoch : (long?)null)
        .Max();

    /// <summary>The route as a <see cref="PodRoute"/>, or null when it is malformed (missing prefix/next hop, mixed families).</summary>
    public PodRoute? AsPodRoute() =>
        Prefix is not null && NextHop is not null && NextHop.AddressFamily == Prefix.Network.AddressFamily ? new PodRoute(Prefix, NextHop) : null;

    public override string ToString() => $"{RouteId}: {Prefix?.ToString() ?? "?"} via {NextHop?.ToString() ?? "?"}";
}
