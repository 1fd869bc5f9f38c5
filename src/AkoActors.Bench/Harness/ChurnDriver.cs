using AkoActors.Bench.Scenarios;
using k8s;
using k8s.Models;
using AkoActors.Simulation.Workloads;

namespace AkoActors.Bench.Harness;

/// <summary>Endpoint churn through the Kubernetes API: at a steady rate, round robin over the Services, each change
/// adds a fresh endpoint to a Service's EndpointSlice or takes the added one away again. Remembers every change (when
/// the API acknowledged it) and each Service's endpoints as last written, the state its pool must end up in.</summary>
public sealed class ChurnDriver
{
    private readonly BenchWorld _world;
    private readonly IReadOnlyList<string> _services;
    private readonly double _perSecond;
    private readonly Dictionary<string, V1EndpointSlice> _slices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _base = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _expected = new(StringComparer.Ordinal);
    private readonly List<Change> _changes = [];
    private readonly Lock _gate = new();
    // Shared by every driver of the process: a second churn in one run (scale-in's steps) must not add an address a slice
    // already holds from the first, or the slice lists it twice and the pool (one server per address) never matches.
    private static int _nextAddress = 2_000_000;

    public ChurnDriver(BenchWorld world, IReadOnlyList<string> services, double perSecond)
    {
        _world = world;
        _services = services;
        _perSecond = perSecond;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _changes.Count;
            }
        }
    }

    public IReadOnlyList<Change> Changes
    {
        get
        {
            lock (_gate)
            {
                return _changes.ToArray();
            }
        }
    }

    /// <summary>Each Service's endpoints as last written (sorted), i.e. what its pool must hold once the controller caught up.</summary>
    public IReadOnlyDictionary<string, List<string>> Expected
    {
        get
        {
            lock (_gate)
            {
                return _expected.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Reads the current slices (the starting point of every Service).</summary>
    public async Task LoadAsync()
    {
        var list = await _world.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Workload.Namespace);
        foreach (var slice in list.Items)
        {
            var service = slice.Metadata.Labels["kubernetes.io/service-name"];
            _slices[service] = slice;
            var addresses = slice.Endpoints.Select(e => e.Addresses[0]).Order(StringComparer.Ordinal).ToList();
            _base[service] = addresses;
            _expected[service] = addresses;
        }
    }

    /// <summary>Changes slices at the rate until cancelled. The pace is held against the clock; when the API is slower than
    /// the rate, changes simply follow each other (the achieved rate is reported).</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var started = DateTimeOffset.UtcNow;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = started + TimeSpan.FromSeconds(n / _perSecond);
            var wait = due - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop); // pacing the load, not waiting for a result
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            var service = _services[n % _services.Count];
            var slice = _slices[service];
            var current = _expected[service];
            var next = current.Count > _base[service].Count
                ? _base[service]
                : [.. _base[service], Workload.Address(Interlocked.Increment(ref _nextAddress))];
            slice.Endpoints = next.Select(a => new V1Endpoint { Addresses = [a], Conditions = new V1EndpointConditions { Ready = true } }).ToList();
            var sent = DateTimeOffset.UtcNow;
            var written = await _world.Client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, slice.Metadata.Name, Workload.Namespace, cancellationToken: CancellationToken.None);
            var acknowledged = DateTimeOffset.UtcNow;
            lock (_gate)
            {
                _slices[service] = written;
                _expected[service] = next.Order(StringComparer.Ordinal).ToList();
                _changes.Add(new Change(_changes.Count, service, sent, acknowledged));
            }
        }
    }

    /// <summary>One endpoint change: the Service and when the API acknowledged the slice write.</summary>
    public sealed record Change(int Sequence, string Service, DateTimeOffset Sent, DateTimeOffset Acknowledged);
}
