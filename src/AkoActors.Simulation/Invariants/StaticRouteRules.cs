using System.Text.Json.Nodes;
using AkoActors.Avi.Routes;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Routes;
using AkoActors.Domain.Settings;

namespace AkoActors.Simulation.Invariants;

/// <summary>Static routes match the nodes: the VRF holds exactly one route of this cluster per Node pod CIDR, pointing at
/// the Node's address. Desired is what the controller's own pure functions make of the Nodes the API server holds now
/// (<see cref="NodeRouteCalculator"/>, then <see cref="StaticRouteMerge"/> with every Node reported, so overlaps resolve as
/// the controller resolves them); converged means the merge would write nothing. Only routes labelled with this cluster's
/// name are checked: another cluster's routes in the same VRF are not ours to judge.</summary>
public static class StaticRouteRules
{
    public const string RoutesMatchNodes = "static routes match the nodes";

    /// <param name="nodes">The Nodes as the API server holds them.</param>
    /// <param name="vrfDump">AviSim's <c>DumpState</c> holding the vrfcontext objects (type → array).</param>
    /// <param name="settings">The replicas' settings: whether routes are synced, into which VRF, under which clusterName.</param>
    public static IReadOnlyList<Violation> Differences(IReadOnlyList<NodeSnapshot> nodes, JsonObject vrfDump, AkoSettings settings)
    {
        if (!StaticRoutePolicy.IsEnabled(settings)) return [];
        if (CniPlugins.ReadsCustomResources(settings.CniPlugin))
        {
            throw new NotSupportedException(
                $"cniPlugin {settings.CniPlugin} takes pod CIDRs from its own objects, which the simulation does not create; " +
                "check static routes with the default sources (no cniPlugin) or set disableStaticRouteSync");
        }
        var vrfName = StaticRoutePolicy.VrfOf(settings).Vrf;
        var subject = $"vrfcontext {vrfName}";
        var vrf = (vrfDump["vrfcontext"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(v => v["name"] is JsonValue name && name.TryGetValue<string>(out var text) && text == vrfName);
        if (vrf is null) return [new Violation(RoutesMatchNodes, subject, $"the controller has no {subject}, so no pod is routable")];

        var clusterName = settings.ClusterName;
        var table = StaticRouteCodec.ReadTable(vrf);
        var claims = nodes
            .SelectMany(n => NodeRouteCalculator.For(n, settings.CniPlugin).Routes.Select(r => new RouteClaim(n.Key, r, n.CreatedAt)))
            .ToList();
        var merge = StaticRouteMerge.Merge(table.Routes, claims, clusterName, everyNodeReported: true);
        var ours = table.OwnedBy(clusterName).ToList();
        var desired = merge.Routes.Select(r => r.Route).ToHashSet();
        var desiredPrefixes = desired.Select(r => r.Prefix).ToHashSet();
        var violations = new List<Violation>();

        foreach (var route in desired)
        {
            var node = claims.First(c => c.Route == route).Node;
            if (ours.Any(r => r.AsPodRoute() == route)) continue;
            violations.Add(ours.FirstOrDefault(r => r.Prefix == route.Prefix) is { } other
                ? new Violation(RoutesMatchNodes, $"Node {node}",
                    $"route {other.RouteId} in {subject} has {other.Prefix} via {other.NextHop?.ToString() ?? "?"}, the node says via {route.NextHop}")
                : new Violation(RoutesMatchNodes, $"Node {node}", $"route {route} is missing from {subject}"));
        }
        foreach (var route in ours.Where(r => r.AsPodRoute() is not { } parsed || !desiredPrefixes.Contains(parsed.Prefix)))
        {
            var what = route.AsPodRoute() is { } parsed ? parsed.ToString() : $"malformed ({route.Prefix?.ToString() ?? "?"} via {route.NextHop?.ToString() ?? "?"})";
            violations.Add(new Violation(ConvergenceRules.NoOrphans, $"{subject} route {route.RouteId}",
                $"{what} is labelled {RouteLabel.ClusterNameKey}={clusterName} but no Node claims it"));
        }
        foreach (var twice in ours.Where(r => r.Prefix is not null).GroupBy(r => r.Prefix!).Where(g => g.Count() > 1))
        {
            violations.Add(new Violation(ConvergenceRules.NoDuplicates, $"{subject} prefix {twice.Key}",
                $"routes {string.Join(", ", twice.Select(r => r.RouteId))}"));
        }
        if (violations.Count == 0 && merge.Changed)
        {
            violations.Add(new Violation(RoutesMatchNodes, subject,
                $"the nodes want [{string.Join("; ", merge.Routes)}], the controller has [{string.Join("; ", ours)}]"));
        }
        return violations;
    }
}
