using System.Text.Json.Nodes;
using AkoActors.Domain.Naming;

namespace AkoActors.Simulation.Invariants;

/// <summary>Desired against actual, from the controller's state: nothing lost (every Service and Ingress host realised
/// with exactly its endpoints), statuses match the controller (the VIP Kubernetes shows is the vsvip's), no orphans (no
/// object of this cluster that nothing in Kubernetes accounts for) and no duplicates (no name twice, no VIP on two
/// vsvips).</summary>
public static class ConvergenceRules
{
    public const string NothingLost = "nothing lost";
    public const string StatusesMatch = "statuses match the controller";
    public const string NoOrphans = "no orphans";
    public const string NoDuplicates = "no duplicates";

    internal static readonly string[] ClusterTypes = ["virtualservice", "vsvip", "pool", "l4policyset", "httppolicyset", "poolgroup", "vsdatascriptset", "sslkeyandcertificate"];

    /// <summary>Everything that differs; empty once converged.</summary>
    /// <param name="state">AviSim's <c>DumpState(tenant: "admin")</c>: type → objects.</param>
    public static IReadOnlyList<Violation> Differences(DesiredState desired, JsonObject state, AviNames names)
    {
        var violations = new List<Violation>();
        var byName = Index(state);
        JsonObject? Find(string type, string name) => byName.TryGetValue((type, name), out var list) ? list[0] : null;

        foreach (var service in desired.Services)
        {
            var subject = $"Service {Workloads.Workload.Namespace}/{service.Name}";
            foreach (var type in new[] { "virtualservice", "vsvip", "l4policyset" })
            {
                if (Find(type, service.VirtualService) is null) violations.Add(new Violation(NothingLost, subject, $"{type} {service.VirtualService} is missing"));
            }
            CheckPool(violations, subject, service.Pool, service.Servers, Find("pool", service.Pool));
            var vip = Vip(Find("vsvip", service.VirtualService));
            if (vip is not null && service.StatusIp != vip)
            {
                violations.Add(new Violation(StatusesMatch, subject, $"status shows {service.StatusIp ?? "no address"}, vsvip {service.VirtualService} has {vip}"));
            }
            else if (vip is null && service.StatusIp is not null && Find("vsvip", service.VirtualService) is not null)
            {
                violations.Add(new Violation(StatusesMatch, subject, $"status shows {service.StatusIp}, vsvip {service.VirtualService} has no address"));
            }
        }
        foreach (var host in desired.Hosts)
        {
            var subject = $"Ingress {Workloads.Workload.Namespace}/{host.Ingress} host {host.Host}";
            CheckPool(violations, subject, host.Pool, host.Servers, Find("pool", host.Pool));
            if (Find("virtualservice", host.SharedVirtualService) is null)
            {
                violations.Add(new Violation(NothingLost, subject, $"shared VS {host.SharedVirtualService} is missing"));
            }
            var vip = Vip(Find("vsvip", host.SharedVirtualService));
            if (vip is null || host.StatusIp != vip)
            {
                violations.Add(new Violation(StatusesMatch, subject, $"status shows {host.StatusIp ?? "no address"}, vsvip {host.SharedVirtualService} has {vip ?? "none"}"));
            }
        }

        var accounted = desired.AviObjects();
        violations.AddRange(OrphansAndDuplicates(byName, names, (type, name) => accounted.Contains((type, name)) || names.IsSharedL7VirtualService(name)));
        return violations;
    }

    /// <summary>The objects of the types a cluster makes, by type and name (a name held twice lists both).</summary>
    internal static Dictionary<(string Type, string Name), List<JsonObject>> Index(JsonObject state)
    {
        var byName = new Dictionary<(string Type, string Name), List<JsonObject>>();
        foreach (var type in ClusterTypes)
        {
            foreach (var obj in (state[type] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = obj["name"]?.GetValue<string>() ?? "";
                var key = (type, name);
                if (!byName.TryGetValue(key, out var list)) byName[key] = list = [];
                list.Add(obj);
            }
        }
        return byName;
    }

    /// <summary>No orphans (an object with this cluster's prefix that nothing accounts for) and no duplicates (a name held
    /// twice, a VIP on two vsvips) in one tenant's objects.</summary>
    internal static IEnumerable<Violation> OrphansAndDuplicates(
        Dictionary<(string Type, string Name), List<JsonObject>> byName, AviNames names, Func<string, string, bool> accounted)
    {
        foreach (var ((type, name), objects) in byName.OrderBy(k => k.Key.Type, StringComparer.Ordinal).ThenBy(k => k.Key.Name, StringComparer.Ordinal))
        {
            if (!name.StartsWith(names.Prefix, StringComparison.Ordinal)) continue;
            if (objects.Count > 1) yield return new Violation(NoDuplicates, $"{type} {name}", $"{objects.Count} objects of that name (uuids {string.Join(", ", objects.Select(o => o["uuid"]?.GetValue<string>()))})");
            if (!accounted(type, name))
            {
                yield return new Violation(NoOrphans, $"{type} {name}", $"made by this cluster ({names.Prefix}) but no Service or Ingress in Kubernetes accounts for it");
            }
        }
        foreach (var group in byName.Where(k => k.Key.Type == "vsvip").SelectMany(k => k.Value)
                     .Select(v => (Name: v["name"]?.GetValue<string>(), Vip: Vip(v))).Where(v => v.Vip is not null).GroupBy(v => v.Vip))
        {
            if (group.Count() > 1) yield return new Violation(NoDuplicates, $"VIP {group.Key}", $"on {group.Count()} vsvips: {string.Join(", ", group.Select(v => v.Name))}");
        }
    }

    internal static void CheckPool(List<Violation> violations, string subject, string pool, IReadOnlyList<string> servers, JsonObject? actual)
    {
        if (actual is null)
        {
            violations.Add(new Violation(NothingLost, subject, $"pool {pool} is missing"));
            return;
        }
        var held = (actual["servers"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => s["ip"]?["addr"]?.GetValue<string>()).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (!held.SequenceEqual(servers, StringComparer.Ordinal))
        {
            violations.Add(new Violation(NothingLost, subject, $"pool {pool} holds [{string.Join(", ", held)}], the EndpointSlices say [{string.Join(", ", servers)}]"));
        }
    }

    internal static string? Vip(JsonObject? vsvip) =>
        vsvip?["vip"] is JsonArray { Count: > 0 } vips ? vips[0]?["ip_address"]?["addr"]?.GetValue<string>() : null;
}
