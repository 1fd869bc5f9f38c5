using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Tenancy;
using AkoActors.Domain.Translation;
using AkoActors.Domain.Translation.L4;
using AkoActors.Domain.Translation.L7;

namespace AkoActors.Simulation.Invariants;

/// <summary>Desired against actual for any cluster (a snapshot of a real one): what the controller must have made is what
/// its own pure translations make of the objects the API server holds now — every Service tree, shared-VIP group and shared
/// VS tree with its hosts — and each such object must be on the controller in its tenant, pools holding exactly the
/// translated servers, statuses showing the vsvips' addresses; nothing else of this cluster may be there and nothing twice.</summary>
/// <remarks>The generated workload is checked against independently written expectations (<see cref="DesiredState"/>); a
/// real cluster's shapes (ports by name, several paths, TLS, NodePort mode, shared VIPs) are only known to the translations,
/// whose output is compared with AKO's elsewhere (the ako-made fixtures). So this checks what a simulation is for — that
/// replicas, failover and faults realise the translation completely, once and by one writer — not the translation itself.</remarks>
public static class TranslatedConvergence
{
    /// <param name="dump">AviSim's <c>DumpState</c> of one tenant.</param>
    public static ConvergenceView Compare(IClusterState cluster, TranslationContext context, Func<string, JsonObject> dump)
    {
        var settings = context.Settings;
        var names = context.Names;
        var expected = new List<(string Subject, string Tenant, AviObjectSpec Spec)>();
        var statuses = new List<(string Subject, string Tenant, string VsVip, string? Shown)>();
        var poolsByService = new Dictionary<ServiceKey, List<string>>();
        var nodes = settings.ServiceType == PoolServerMode.NodePort ? cluster.GetNodes() : [];
        var groups = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var key in cluster.ServiceKeys().OrderBy(k => k.ToString(), StringComparer.Ordinal))
        {
            var service = cluster.GetService(key)!;
            var ns = cluster.GetNamespace(key.Namespace);
            if (!L4ServiceTranslator.IsHandled(service, ns, settings)) continue;
            if (L4ServiceTranslator.SharedVipKeyOf(service) is { } shared)
            {
                groups.Add($"{key.Namespace}\n{shared}");
                continue;
            }
            var translation = L4ServiceTranslator.Translate(service, cluster.GetEndpointSlices(key), nodes, ns, context);
            if (translation.Outcome != TranslationOutcome.Desired) continue;
            var tenant = TenantPlacement.TenantOf(ns, settings);
            expected.AddRange(translation.Desired.Select(d => ($"Service {key}", tenant, d)));
            statuses.Add(($"Service {key}", tenant, names.L4VirtualService(key), service.Status.FirstOrDefault()?.Ip));
        }
        foreach (var group in groups.Select(g => g.Split('\n')).Select(g => ServiceKey.ForSharedVip(g[0], g[1])))
        {
            var members = SharedVipTranslator.Members(group, cluster, settings);
            var translation = SharedVipTranslator.Translate(group, members, k => cluster.GetEndpointSlices(k), nodes, context);
            if (translation.Tree.Outcome != TranslationOutcome.Desired) continue;
            var tenant = TenantPlacement.TenantOf(cluster.GetNamespace(group.Namespace), settings);
            expected.AddRange(translation.Tree.Desired.Select(d => ($"shared VIP {group.Namespace}/{group.SharedVipKey}", tenant, d)));
            foreach (var member in translation.Served)
            {
                statuses.Add(($"Service {member.Service}", tenant, SharedVipTranslator.VirtualServiceName(group, names), cluster.GetService(member.Service)?.Status.FirstOrDefault()?.Ip));
            }
        }

        var contributions = new Dictionary<(string Tenant, string Vs), List<IngressContribution>>();
        foreach (var key in cluster.IngressKeys().OrderBy(k => k.ToString(), StringComparer.Ordinal))
        {
            var translation = IngressTranslator.Translate(cluster.GetIngress(key), cluster, context);
            if (!translation.Handled) continue;
            var tenant = TenantPlacement.TenantOf(cluster.GetNamespace(key.Namespace), settings);
            foreach (var (vs, contribution) in translation.ByVirtualService)
            {
                if (!contributions.TryGetValue((tenant, vs), out var list)) contributions[(tenant, vs)] = list = [];
                list.Add(contribution);
            }
        }
        foreach (var ((tenant, vs), list) in contributions.OrderBy(c => c.Key.Tenant, StringComparer.Ordinal).ThenBy(c => c.Key.Vs, StringComparer.Ordinal))
        {
            var tenantContext = tenant == settings.TenantName ? context : context with { Settings = settings with { TenantName = tenant } };
            var shard = SharedVirtualServiceTranslator.Translate(vs, list, cluster, tenantContext);
            if (shard.Tree.Outcome != TranslationOutcome.Desired) continue;
            foreach (var spec in shard.Tree.Desired)
            {
                var host = Marker(spec, AviMarker.HostKey);
                expected.Add((host is null ? $"shared VS {vs}" : $"host {host}", tenant, spec));
            }
            foreach (var (ingress, verdict) in shard.Verdicts.OrderBy(v => v.Key.ToString(), StringComparer.Ordinal))
            {
                var shown = cluster.GetIngress(ingress)?.Status ?? [];
                foreach (var host in verdict.ServedHosts)
                {
                    statuses.Add(($"Ingress {ingress} host {host}", tenant, vs, shown.FirstOrDefault(s => s.Hostname == host)?.Ip));
                }
            }
        }

        foreach (var (_, _, spec) in expected)
        {
            // Every pool names the Service whose endpoints it holds (L4, shared-VIP member or Ingress backend).
            if (spec is not PoolSpec || Marker(spec, AviMarker.NamespaceKey) is not { } ns || Marker(spec, AviMarker.ServiceNameKey) is not { } name) continue;
            var backend = new ServiceKey(ns, name);
            if (!poolsByService.TryGetValue(backend, out var pools)) poolsByService[backend] = pools = [];
            pools.Add(spec.Name);
        }

        var indexes = expected.Select(e => e.Tenant).Concat(statuses.Select(s => s.Tenant)).Append(settings.TenantName).Distinct(StringComparer.Ordinal)
            .ToDictionary(t => t, t => ConvergenceRules.Index(dump(t)), StringComparer.Ordinal);
        JsonObject? Find(string tenant, string type, string name) =>
            indexes[tenant].TryGetValue((type, name), out var list) ? list[0] : null;

        var violations = new List<Violation>();
        foreach (var (subject, tenant, spec) in expected)
        {
            var actual = Find(tenant, spec.Type, spec.Name);
            if (spec is PoolSpec pool)
            {
                var servers = pool.Servers.Select(s => s.Ip).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                ConvergenceRules.CheckPool(violations, subject, spec.Name, servers, actual);
            }
            else if (actual is null)
            {
                violations.Add(new Violation(ConvergenceRules.NothingLost, subject, $"{spec.Type} {spec.Name} is missing{(tenant == settings.TenantName ? "" : $" in tenant {tenant}")}"));
            }
        }
        foreach (var (subject, tenant, vsvip, shown) in statuses)
        {
            var vip = ConvergenceRules.Vip(Find(tenant, "vsvip", vsvip));
            if (vip != shown) violations.Add(new Violation(ConvergenceRules.StatusesMatch, subject, $"status shows {shown ?? "no address"}, vsvip {vsvip} has {vip ?? "none"}"));
        }
        foreach (var (tenant, index) in indexes)
        {
            var accounted = expected.Where(e => e.Tenant == tenant).Select(e => (e.Spec.Type, e.Spec.Name)).ToHashSet();
            violations.AddRange(ConvergenceRules.OrphansAndDuplicates(index, names, (type, name) => accounted.Contains((type, name))));
        }

        var subjects = expected.Select(e => e.Subject).Concat(statuses.Select(s => s.Subject)).ToHashSet(StringComparer.Ordinal);
        var pending = violations.Where(v => subjects.Contains(v.Object)).Select(v => v.Object).ToHashSet(StringComparer.Ordinal);
        return new ConvergenceView(violations, subjects.Count, subjects.Count - pending.Count,
            poolsByService.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Distinct(StringComparer.Ordinal).ToList()));
    }

    private static string? Marker(AviObjectSpec spec, string key) => spec.Meta.Markers.FirstOrDefault(m => m.Key == key)?.Values.FirstOrDefault();
}
