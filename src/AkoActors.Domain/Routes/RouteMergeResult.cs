using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Routes;

/// <summary>The outcome of merging the nodes' claims into a VRF's routes.</summary>
/// <param name="Routes">Every route this cluster should own afterwards: kept ones in their existing order, then new ones.</param>
/// <param name="Changed">False when <paramref name="Routes"/> is exactly what the VRF already holds of ours: no write is needed.</param>
/// <param name="Refusals">Claims refused for overlapping an earlier route (reported on the node).</param>
/// <param name="Held">Routes of ours no known node claims, kept because not every node has reported yet.</param>
/// <param name="Deferred">Claims that overlap a held route; decided once every node has reported, not reported as refused.</param>
public sealed record RouteMergeResult(
    EquatableArray<OwnedRoute> Routes,
    bool Changed,
    EquatableArray<RouteRefusal> Refusals,
    EquatableArray<OwnedRoute> Held,
    EquatableArray<RouteClaim> Deferred);
