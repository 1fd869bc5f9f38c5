using AkoActors.Domain.Keys;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AkoActors.Simulation.Workloads;

/// <summary>The cluster a simulation runs: N LoadBalancer Services and M Ingresses (1-3 hosts each) over K ClusterIP
/// backends, every Service with an EndpointSlice the simulation manages (no selector), created through the Kubernetes
/// API; and the changes made to it while faults run. Every random choice comes from the run's seed.</summary>
public sealed class SimulationWorkload
{
    private readonly IKubernetes _client;
    private readonly SimulationOptions _options;
    private readonly Random _random;
    private int _nextAddress;

    internal SimulationWorkload(IKubernetes client, SimulationOptions options)
    {
        _client = client;
        _options = options;
        _random = new Random(options.RandomSeed);
    }

    public IReadOnlyList<string> Services => Enumerable.Range(0, _options.ServiceCount).Select(Workload.ServiceName).ToList();

    public IReadOnlyList<string> Backends => Enumerable.Range(0, _options.IngressCount == 0 ? 0 : _options.BackendCount).Select(Workload.BackendName).ToList();

    public IReadOnlyList<string> Ingresses => Enumerable.Range(0, _options.IngressCount).Select(Workload.IngressName).ToList();

    private readonly List<EndpointChange> _changeLog = [];
    private IReadOnlyList<(string Namespace, string Name, string Service)> _snapshotSlices = [];
    private IReadOnlyDictionary<ServiceKey, IReadOnlyList<string>> _snapshotPools = new Dictionary<ServiceKey, IReadOnlyList<string>>();
    private readonly Lock _changeGate = new();

    /// <summary>Endpoint changes made so far.</summary>
    public int Changes { get; private set; }

    /// <summary>Every endpoint change with when it was sent and the pools it must reach (for change latencies).</summary>
    public IReadOnlyList<EndpointChange> ChangeLog
    {
        get
        {
            lock (_changeGate)
            {
                return _changeLog.ToList();
            }
        }
    }

    /// <summary>Creates the slices, then the Services and backends, then the Ingresses (as manifests applied in order).</summary>
    public async Task LoadAsync(Action<string> say)
    {
        if (_options.Snapshot is { } snapshot)
        {
            _snapshotSlices = await SnapshotLoader.LoadAsync(_client, snapshot, say);
            return;
        }
        say($"loading {_options.ServiceCount} LoadBalancer Services, {Backends.Count} backends and {_options.IngressCount} Ingresses");
        var withSlices = Services.Concat(Backends).ToList();
        await CreateAllAsync(withSlices, s => _client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Workload.Slice(s, NextAddresses()), Workload.Namespace));
        await CreateAllAsync(Services, s => _client.CoreV1.CreateNamespacedServiceAsync(Workload.LoadBalancerService(s), Workload.Namespace));
        await CreateAllAsync(Backends, s => _client.CoreV1.CreateNamespacedServiceAsync(Workload.ClusterIpService(s), Workload.Namespace));
        await CreateAllAsync(Enumerable.Range(0, _options.IngressCount).ToList(), i => _client.NetworkingV1.CreateNamespacedIngressAsync(
            Workload.Ingress(Workload.IngressName(i), Workload.IngressHosts(i), Workload.BackendName(i % _options.BackendCount)), Workload.Namespace));
    }

    /// <summary>Replaces the endpoints of <paramref name="count"/> Services or backends picked at random (pods rolled).</summary>
    public async Task ChangeEndpointsAsync(int count)
    {
        if (_options.Snapshot is not null)
        {
            await ChangeSnapshotEndpointsAsync(count);
            return;
        }
        var candidates = Services.Concat(Backends).ToList();
        if (candidates.Count == 0) return;
        for (var i = 0; i < count; i++)
        {
            var service = candidates[_random.Next(candidates.Count)];
            var slice = await _client.DiscoveryV1.ReadNamespacedEndpointSliceAsync(Workload.SliceName(service), Workload.Namespace);
            var next = Workload.Slice(service, NextAddresses());
            slice.Endpoints = next.Endpoints;
            var sent = DateTimeOffset.UtcNow;
            await _client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, slice.Metadata.Name, Workload.Namespace);
            Changes++;
            lock (_changeGate)
            {
                _changeLog.Add(new EndpointChange(sent, service, PoolsOf(service)));
            }
        }
    }

    /// <summary>A snapshot's pods rolled: every address of a slice picked at random is replaced (same endpoints, ports and
    /// conditions, new addresses).</summary>
    private async Task ChangeSnapshotEndpointsAsync(int count)
    {
        if (_snapshotSlices.Count == 0) return;
        for (var i = 0; i < count; i++)
        {
            var (ns, name, service) = _snapshotSlices[_random.Next(_snapshotSlices.Count)];
            var slice = await _client.DiscoveryV1.ReadNamespacedEndpointSliceAsync(name, ns);
            foreach (var endpoint in slice.Endpoints ?? [])
            {
                endpoint.Addresses = endpoint.Addresses.Select(_ => Workload.Address(Interlocked.Increment(ref _nextAddress))).ToList();
            }
            var sent = DateTimeOffset.UtcNow;
            await _client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, name, ns);
            Changes++;
            lock (_changeGate)
            {
                _changeLog.Add(new EndpointChange(sent, $"{ns}/{service}", _snapshotPools.GetValueOrDefault(new ServiceKey(ns, service)) ?? []));
            }
        }
    }

    /// <summary>Which pools serve each backend Service of a snapshot (from the translation once the snapshot is realised).</summary>
    internal void KnowPools(IReadOnlyDictionary<ServiceKey, IReadOnlyList<string>> pools) => _snapshotPools = pools;

    /// <summary>The pools an endpoint change of <paramref name="service"/> must reach: its own (a LoadBalancer Service), or
    /// the pool of every host of every Ingress that routes to it (a backend).</summary>
    public IReadOnlyList<string> PoolsOf(string service)
    {
        if (!service.StartsWith("backend-", StringComparison.Ordinal)) return [Workload.PoolName(service)];
        return Enumerable.Range(0, _options.IngressCount)
            .Where(i => Workload.BackendName(i % _options.BackendCount) == service)
            .SelectMany(i => Workload.IngressHosts(i).Select(host => Workload.IngressPoolName(host, Workload.IngressName(i))))
            .ToList();
    }

    private List<string> NextAddresses()
    {
        var first = Interlocked.Add(ref _nextAddress, _options.EndpointsPerService) - _options.EndpointsPerService;
        return Enumerable.Range(first, _options.EndpointsPerService).Select(Workload.Address).ToList();
    }

    /// <summary>Creates objects with bounded parallelism, retrying what the API server refuses for load (429, 5xx).</summary>
    private static async Task CreateAllAsync<T>(IReadOnlyList<T> items, Func<T, Task> create)
    {
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await create(item);
                    return;
                }
                catch (HttpOperationException e) when (attempt < 5 && (int?)e.Response?.StatusCode is 429 or >= 500)
                {
                    await Task.Delay(100 * attempt);
                }
            }
        });
    }
}
