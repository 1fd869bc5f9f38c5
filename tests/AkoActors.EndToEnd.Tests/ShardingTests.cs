using AkoActors.AviSim.Audit;
using AkoActors.Testing;
using k8s;
using k8s.Models;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Three replicas in one process, joined through Akka.Remote on loopback: entities spread over all of them, a
/// replica leaving hands its trees to the others, and the controller never sees two writers interleave on one object.</summary>
public sealed class ShardingTests : IAsyncLifetime
{
    private const int ServiceCount = 30;
    private ControllerWorld _world = null!;

    private const int IngressCount = 12;

    public async Task InitializeAsync() =>
        _world = await ControllerWorld.StartAsync(ControllerWorld.SeedSettings(s => s with { ShardVsSize = Domain.Settings.ShardVsSize.Large }), replicas: 3);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Trees_spread_over_every_replica_survive_one_leaving_and_are_never_written_by_two_at_once()
    {
        for (var i = 0; i < ServiceCount; i++) await CreateServiceAsync($"svc-{i:00}", endpoints: 1);
        for (var i = 0; i < IngressCount; i++) await ApplyIngressAsync($"ing-{i:00}", $"app{i}.ako.example.com", $"svc-{i:00}");
        await WaitForStatusesAsync();
        await WaitForIngressAddressesAsync(i => $"app{i}.ako.example.com");
        await Eventually.HoldsAsync(() => Task.FromResult(_world.Replicas.All(r => r.Metrics.OwnedEntities("service") > 0)),
            "every replica to own some services", TimeSpan.FromSeconds(30));
        // Shards may still be moving between replicas; once settled, every Service has exactly one owner.
        await Eventually.HoldsAsync(() => Task.FromResult(_world.Replicas.Sum(r => r.Metrics.OwnedEntities("service")) == ServiceCount),
            "every Service owned exactly once", TimeSpan.FromSeconds(30));

        var leaving = _world.Replicas.OrderByDescending(r => r.Metrics.OwnedEntities("service")).First();
        await leaving.StopAsync();

        // Changes made after the hand-off must land, whichever replica now owns the tree.
        for (var i = 0; i < ServiceCount; i++) await SetEndpointsAsync($"svc-{i:00}", endpoints: 3);
        for (var i = 0; i < IngressCount; i++) await ApplyIngressAsync($"ing-{i:00}", $"moved{i}.ako.example.com", $"svc-{i:00}");
        await Eventually.HoldsAsync(() => Task.FromResult(Enumerable.Range(0, ServiceCount).All(i => ServerCount($"svc-{i:00}") == 3)),
            "every pool to hold three servers after the hand-off", TimeSpan.FromSeconds(60));
        await WaitForIngressAddressesAsync(i => $"moved{i}.ako.example.com");
        Assert.All(Enumerable.Range(0, IngressCount), i => Assert.Null(_world.AviObject("pool", $"avi-cluster--app{i}.ako.example.com_-default-ing-{i:00}")));
        var survivors = _world.Replicas.Where(r => !r.Stopped).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(survivors.Sum(r => r.Metrics.OwnedEntities("service")) == ServiceCount),
            "every Service owned exactly once by the two remaining replicas", TimeSpan.FromSeconds(30));

        AssertNoInterleavedWriters(_world.WritesSince());
    }

    private async Task ApplyIngressAsync(string name, string host, string service) =>
        (await _world.Kubectl.RunWithInputAsync($"""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: {name}
            spec:
              rules:
              - host: {host}
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: {service}
                        port:
                          number: 80
            """, "apply", "-f", "-")).EnsureSuccess();

    /// <summary>Every Ingress shows the VIP of the shared VS its host hashes to, with that host.</summary>
    private Task WaitForIngressAddressesAsync(Func<int, string> host) =>
        Eventually.HoldsAsync(async () =>
        {
            var ingresses = (await _world.Client.NetworkingV1.ListNamespacedIngressAsync("default")).Items;
            return Enumerable.Range(0, IngressCount).All(i =>
                ingresses.FirstOrDefault(x => x.Metadata.Name == $"ing-{i:00}")?.Status?.LoadBalancer?.Ingress is [{ } only] &&
                only.Hostname == host(i) &&
                only.Ip == _world.AviObject("vsvip", $"avi-cluster--Shared-L7-{Domain.Naming.AviNames.ShardIndex(host(i), 8)}")?["vip"]?[0]?["ip_address"]?["addr"]?.GetValue<string>());
        }, "every Ingress to show its shared VS's VIP", TimeSpan.FromSeconds(60));

    /// <summary>Per object, writers form runs A…A B…B: once ownership moved on, the old owner never wrote again.</summary>
    private static void AssertNoInterleavedWriters(IReadOnlyList<AuditEntry> writes)
    {
        foreach (var (name, entries) in writes.Where(w => w.Name is not null).GroupBy(w => $"{w.ObjectType}/{w.Name}").Select(g => (g.Key, g.ToList())))
        {
            var runs = new List<string>();
            foreach (var entry in entries.OrderBy(e => e.Sequence))
            {
                if (runs.Count == 0 || runs[^1] != entry.Replica) runs.Add(entry.Replica ?? "?");
            }
            Assert.True(runs.Distinct().Count() == runs.Count, $"{name} was written by {string.Join(" → ", runs)}");
        }
    }

    private async Task CreateServiceAsync(string name, int endpoints)
    {
        await _world.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec { Type = "LoadBalancer", Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }] },
        }, "default");
        await SetEndpointsAsync(name, endpoints);
    }

    /// <summary>Services without selectors get their EndpointSlices from the test, as a user-managed endpoint would.</summary>
    private async Task SetEndpointsAsync(string service, int endpoints)
    {
        var slice = new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = $"{service}-manual", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service } },
            AddressType = "IPv4",
            Ports = [new Discoveryv1EndpointPort { Port = 8080, Protocol = "TCP" }],
            Endpoints = Enumerable.Range(1, endpoints)
                .Select(i => new V1Endpoint { Addresses = [$"10.244.{3 + (i % 3)}.{10 + i}"], Conditions = new V1EndpointConditions { Ready = true } })
                .ToList(),
        };
        try
        {
            var existing = await _world.Client.DiscoveryV1.ReadNamespacedEndpointSliceAsync(slice.Metadata.Name, "default");
            slice.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            await _world.Client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, slice.Metadata.Name, "default");
        }
        catch (k8s.Autorest.HttpOperationException missing) when (missing.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await _world.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(slice, "default");
        }
    }

    private Task WaitForStatusesAsync() =>
        Eventually.HoldsAsync(async () =>
            (await _world.Client.CoreV1.ListNamespacedServiceAsync("default")).Items
                .Where(s => s.Spec.Type == "LoadBalancer")
                .Count(s => s.Status?.LoadBalancer?.Ingress?.Count == 1) == ServiceCount,
            $"{ServiceCount} services with a VIP", TimeSpan.FromSeconds(60));

    private int ServerCount(string service) =>
        _world.AviObject("pool", $"avi-cluster--default-{service}-TCP-80")?["servers"]?.AsArray().Count ?? -1;
}
