using AkoActors.Domain.Collections;
using AkoActors.Domain.Naming;

namespace AkoActors.Domain.Routes;

/// <summary>Merges the nodes' route claims into a VRF's routes: only routes labelled with our clusterName change, ids stay put.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Route ids are <c>&lt;clusterName&gt;-&lt;n&gt;</c>. A claim keeps the id of our route with the same prefix, so a change to one
/// node rewrites one entry; a new route takes the lowest n no route in the VRF (ours or anyone's) uses.</item>
/// <item>Overlapping CIDRs: the route already in the VRF wins, then the node created first, then the node name; the other claim
/// is refused and reported on its node (AKO refuses the later node's route).</item>
/// <item>Until every node has reported, routes of ours that no claim mentions may belong to a node not heard from yet: they are
/// held, never deleted, and claims overlapping them wait (a partial picture never causes a deletion).</item>
/// </list>
/// </remarks>
public static class StaticRouteMerge
{
    public static RouteMergeResult Merge(
        IReadOnlyList<VrfStaticRoute> existing, IEnumerable<RouteClaim> claims, string clusterName, bool everyNodeReported)
    {
        var ours = existing.Where(r => r.IsOwnedBy(clusterName)).ToList();
        var valid = ours
            .Select(r => r.AsPodRoute() is { } route ? new OwnedRoute(r.RouteId, route) : null)
            .OfType<OwnedRoute>()
            .DistinctBy(r => r.RouteId)
            .ToList();

        // One route per node and prefix; the order within a node (its annotation or spec order) is kept by the stable sort below.
        var distinct = claims.DistinctBy(c => (c.Node, c.Route.Prefix)).ToList();
        var claimedPrefixes = distinct.Select(c => c.Route.Prefix).ToHashSet();
        var held = everyNodeReported ? [] : valid.Where(r => !claimedPrefixes.Contains(r.Route.Prefix)).ToList();

        var programmed = valid.Select(r => r.Route).ToHashSet();
        var ordered = distinct
            .OrderBy(c => programmed.Contains(c.Route) ? 0 : 1)
            .ThenBy(c => c.NodeCreated ?? DateTimeOffset.MaxValue)
            .ThenBy(c => c.Node.Name, StringComparer.Ordinal)
            .ToList();

        var accepted = new List<RouteClaim>();
        var refusals = new List<RouteRefusal>();
        var deferred = new List<RouteClaim>();
        foreach (var claim in ordered)
        {
            if (held.Any(h => h.Route.Prefix.Overlaps(claim.Route.Prefix)))
            {
                deferred.Add(claim);
                continue;
            }
            if (accepted.FirstOrDefault(a => a.Route.Prefix.Overlaps(claim.Route.Prefix)) is { } earlier)
            {
                refusals.Add(new RouteRefusal(claim.Node, claim.Route, RefusalMessage(claim, earlier)));
                continue;
            }
            accepted.Add(claim);
        }

        var heldIds = held.Select(h => h.RouteId).ToHashSet(StringComparer.Ordinal);
        var available = valid.Where(r => !heldIds.Contains(r.RouteId)).ToList();
        var kept = new Dictionary<string, OwnedRoute>(StringComparer.Ordinal);
        var added = new List<RouteClaim>();
        foreach (var claim in accepted)
        {
            var match = available.FirstOrDefault(r => r.Route == claim.Route) ?? available.FirstOrDefault(r => r.Route.Prefix == claim.Route.Prefix);
            if (match is null)
            {
                added.Add(claim);
                continue;
            }
            available.Remove(match);
            kept[match.RouteId] = new OwnedRoute(match.RouteId, claim.Route);
        }

        var routes = new List<OwnedRoute>();
        foreach (var route in ours)
        {
            if (heldIds.Contains(route.RouteId)) routes.Add(held.First(h => h.RouteId == route.RouteId));
            else if (kept.Remove(route.RouteId, out var updated)) routes.Add(updated);
        }
        var used = existing.Where(r => !r.IsOwnedBy(clusterName)).Select(r => r.RouteId).Concat(routes.Select(r => r.RouteId))
            .ToHashSet(StringComparer.Ordinal);
        var names = new AviNames(clusterName);
        var next = 1;
        foreach (var claim in added)
        {
            while (used.Contains(names.StaticRouteId(next))) next++;
            var id = names.StaticRouteId(next);
            used.Add(id);
            routes.Add(new OwnedRoute(id, claim.Route));
        }

        var changed = routes.Count != ours.Count ||
                      routes.Zip(ours).Any(pair => pair.First.RouteId != pair.Second.RouteId || pair.First.Route != pair.Second.AsPodRoute());
        return new RouteMergeResult(
            routes.ToEquatableArray(), changed, refusals.ToEquatableArray(), held.ToEquatableArray(), deferred.ToEquatableArray());
    }

    private static string RefusalMessage(RouteClaim refused, RouteClaim earlier) =>
        earlier.Node == refused.Node
            ? $"Pod CIDR {refused.Route.Prefix} of node {refused.Node} overlaps its own pod CIDR {earlier.Route.Prefix}; only the first is routed"
            : $"Pod CIDR {refused.Route.Prefix} of node {refused.Node} overlaps pod CIDR {earlier.Route.Prefix} of node {earlier.Node}, " +
              "which was routed first; no static route for it until the overlap is resolved";
}
