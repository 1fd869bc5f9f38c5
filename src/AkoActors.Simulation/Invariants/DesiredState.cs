using AkoActors.Simulation.Workloads;
using k8s;
using k8s.Models;

namespace AkoActors.Simulation.Invariants;

/// <summary>What the controller must have made, read from KubeSim through the API: per LoadBalancer Service its L4 tree
/// and the endpoints its pool must hold, per Ingress host its pool, shared VS and endpoints; and the load-balancer
/// statuses Kubernetes shows, to compare with the VIPs on the controller.</summary>
public sealed record DesiredState(IReadOnlyList<DesiredService> Services, IReadOnlyList<DesiredHost> Hosts)
{
    public static async Task<DesiredState> ReadAsync(IKubernetes client, uint shardCount)
    {
        var ns = Workload.Namespace;
        var services = (await client.CoreV1.ListNamespacedServiceAsync(ns)).Items;
        var slices = (await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns)).Items;
        var ingresses = (await client.NetworkingV1.ListNamespacedIngressAsync(ns)).Items;
        var endpoints = slices
            .GroupBy(s => s.Metadata.Labels is { } labels && labels.TryGetValue("kubernetes.io/service-name", out var owner) ? owner : "")
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g
                .SelectMany(s => s.Endpoints ?? [])
                .Where(e => e.Conditions?.Ready != false)
                .SelectMany(e => e.Addresses)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList(), StringComparer.Ordinal);
        var desiredServices = services
            .Where(s => s.Spec.Type == "LoadBalancer")
            .Select(s => new DesiredService(
                s.Metadata.Name,
                Workload.VirtualServiceName(s.Metadata.Name),
                Workload.PoolName(s.Metadata.Name),
                endpoints.GetValueOrDefault(s.Metadata.Name) ?? [],
                s.Status?.LoadBalancer?.Ingress?.FirstOrDefault()?.Ip))
            .ToList();
        var hosts = new List<DesiredHost>();
        foreach (var ingress in ingresses)
        {
            var shown = (ingress.Status?.LoadBalancer?.Ingress ?? [])
                .Where(i => i.Hostname is not null)
                .GroupBy(i => i.Hostname)
                .ToDictionary(g => g.Key, g => g.First().Ip, StringComparer.Ordinal);
            foreach (var rule in ingress.Spec.Rules ?? [])
            {
                var backend = rule.Http?.Paths?.FirstOrDefault()?.Backend?.Service?.Name;
                hosts.Add(new DesiredHost(
                    ingress.Metadata.Name,
                    rule.Host,
                    Workload.SharedVirtualService(rule.Host, shardCount),
                    Workload.IngressPoolName(rule.Host, ingress.Metadata.Name),
                    backend is null ? [] : endpoints.GetValueOrDefault(backend) ?? [],
                    shown.GetValueOrDefault(rule.Host)));
            }
        }
        return new DesiredState(desiredServices, hosts);
    }

    /// <summary>Every Avi object name this state accounts for, by type (shared VSes are accounted for separately: they
    /// exist whatever hosts they carry).</summary>
    public IReadOnlySet<(string Type, string Name)> AviObjects()
    {
        var names = new HashSet<(string, string)>();
        foreach (var service in Services)
        {
            foreach (var type in new[] { "virtualservice", "vsvip", "l4policyset" }) names.Add((type, service.VirtualService));
            names.Add(("pool", service.Pool));
        }
        foreach (var host in Hosts) names.Add(("pool", host.Pool));
        return names;
    }
}
