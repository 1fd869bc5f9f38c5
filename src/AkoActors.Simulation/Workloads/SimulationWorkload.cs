using System.Text.Json.Nodes;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AkoActors.Simulation.Workloads;

/// <summary>The cluster a simulation runs: N LoadBalancer Services and M Ingresses (1-3 hosts each) over K ClusterIP
/// backends, every Service with an EndpointSlice the simulation manages (no selector), and Nodes with pod CIDRs, created
/// through the Kubernetes API; and the changes made to it while faults run. Every random choice comes from the run's seed;
/// node churn has a stream of its own, so a seed's endpoint changes are the same with or without it.</summary>
public sealed class SimulationWorkload
{
    private readonly IKubernetes _client;
    private readonly SimulationOptions _options;
    private readonly Random _random;
    private readonly Random _nodeRandom;
    private readonly NodeChurn _nodeChurn;
    private readonly SemaphoreSlim _nodeGate = new(1, 1);
    private int _nextAddress;

    internal SimulationWorkload(IKubernetes client, SimulationOptions options)
    {
        _client = client;
        _options = options;
        _random = new Random(options.RandomSeed);
        _nodeRandom = NodeRandom(options.RandomSeed);
        _nodeChurn = new NodeChurn(options.NodeCount);
    }

    /// <summary>Node churn's own stream of a seed: drawing from it leaves the seed's endpoint picks as they were.</summary>
    public static Random NodeRandom(int seed) => new(unchecked((seed * 7919) + 17));

    /// <summary>The workload's own Nodes now, name → InternalIP and the pod CIDR to route (the cluster's other Nodes are
    /// never changed).</summary>
    public IReadOnlyDictionary<string, (string Address, string PodCidr)> Nodes
    {
        get
        {
            lock (_changeGate)
            {
                return new Dictionary<string, (string Address, string PodCidr)>(_nodeChurn.Nodes, StringComparer.Ordinal);
            }
        }
    }

    public IReadOnlyList<string> Services => Enumerable.Range(0, _options.ServiceCount).Select(Workload.ServiceName).ToList();

    public IReadOnlyList<string> Backends => Enumerable.Range(0, _options.IngressCount == 0 ? 0 : _options.BackendCount).Select(Workload.BackendName).ToList();

    public IReadOnlyList<string> Ingresses => Enumerable.Range(0, _options.IngressCount).Select(Workload.IngressName).ToList();

    private readonly List<EndpointChange> _changeLog = [];
    private IReadOnlyList<(string Namespace, string Name, string Service)> _snapshotSlices = [];
    private IReadOnlyDictionary<ServiceKey, IReadOnlyList<string>> _snapshotPools = new Dictionary<ServiceKey, IReadOnlyList<string>>();
    private readonly Lock _changeGate = new();

    private readonly List<NodeChange> _nodeChangeLog = [];

    /// <summary>Endpoint changes made so far.</summary>
    public int Changes { get; private set; }

    /// <summary>Node changes made so far (Nodes added, deleted or given another pod CIDR after loading).</summary>
    public int NodeChanges { get; private set; }

    /// <summary>Every node change with when it was sent and the routes the VRF must then show (for change latencies).</summary>
    public IReadOnlyList<NodeChange> NodeChangeLog
    {
        get
        {
            lock (_changeGate)
            {
                return _nodeChangeLog.ToList();
            }
        }
    }

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
        if (_options.NodeCount > 0)
        {
            // Nodes first, as a cluster has them before its workloads: the start's convergence then covers their routes.
            say($"loading {_options.NodeCount} Nodes with pod CIDRs");
            List<PlannedNodeChange> added;
            lock (_changeGate)
            {
                added = Enumerable.Range(0, _options.NodeCount).Select(_ => _nodeChurn.Add()).ToList();
            }
            await CreateAllAsync(added, n => _client.CoreV1.CreateNodeAsync(Workload.Node(n.Node, n.Address, n.NewPodCidr!)));
        }
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

    /// <summary>Makes <paramref name="count"/> node changes, each an add, a delete or a pod CIDR change of an own Node,
    /// picked from node churn's own random stream (<see cref="NodeChurn"/>). A workload without Nodes of its own
    /// (<c>Nodes(0)</c>, the default) makes none, as churn never touches the cluster's other Nodes.</summary>
    public async Task ChangeNodesAsync(int count)
    {
        if (_options.NodeCount == 0) return;
        for (var i = 0; i < count; i++) await ChangeNodeAsync(churn => churn.Next(_nodeRandom));
    }

    /// <summary>A new Node joins with the next name, InternalIP and pod CIDR.</summary>
    public Task<PlannedNodeChange> AddNodeAsync() => ChangeNodeAsync(churn => churn.Add());

    /// <summary>Deletes <paramref name="name"/>, or an own Node picked at random.</summary>
    public Task<PlannedNodeChange> DeleteNodeAsync(string? name = null) => ChangeNodeAsync(churn => churn.Delete(_nodeRandom, name));

    /// <summary>Gives <paramref name="name"/>, or an own Node picked at random, a fresh pod CIDR through AKO's
    /// <c>ako.vmware.com/pod-cidrs</c> annotation, which the controller prefers to the spec (a real API server refuses a
    /// change of <c>spec.podCIDR</c>).</summary>
    public Task<PlannedNodeChange> ChangeNodePodCidrAsync(string? name = null) => ChangeNodeAsync(churn => churn.ChangePodCidr(_nodeRandom, name));

    private async Task<PlannedNodeChange> ChangeNodeAsync(Func<NodeChurn, PlannedNodeChange> plan)
    {
        await _nodeGate.WaitAsync();
        try
        {
            PlannedNodeChange change;
            lock (_changeGate)
            {
                change = plan(_nodeChurn);
            }
            var sent = DateTimeOffset.UtcNow;
            switch (change.Kind)
            {
                case NodeChangeKind.Add:
                    await _client.CoreV1.CreateNodeAsync(Workload.Node(change.Node, change.Address, change.NewPodCidr!));
                    break;
                case NodeChangeKind.Delete:
                    await _client.CoreV1.DeleteNodeAsync(change.Node);
                    break;
                default:
                    var patch = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [NodeSnapshot.PodCidrsAnnotation] = change.NewPodCidr } },
                    };
                    await _client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), change.Node);
                    break;
            }
            lock (_changeGate)
            {
                NodeChanges++;
                _nodeChangeLog.Add(new NodeChange(sent, change.Node, change.Kind, change.Present, change.AbsentPrefixes));
            }
            return change;
        }
        finally
        {
            _nodeGate.Release();
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
