using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Store;

namespace AkoActors.Bench.Harness;

/// <summary>Records, at the moment KubeSim commits it, every write to a Service in the benchmark namespace and the first
/// time each Service's status carries a load-balancer ingress.</summary>
/// <remarks>The observation hooks KubeSim's store subscription filter, which runs under the store's write lock for every
/// committed write: the timestamp is the API server's commit, with no watch delivery or polling delay in it. Nothing is
/// queued (the filter always answers "not for me").</remarks>
public sealed class ServiceStatusRecorder : IDisposable
{
    private static readonly byte[] IngressBytes = Encoding.UTF8.GetBytes("\"ingress\"");
    private readonly string _namespace;
    private readonly WatchSubscription _subscription;
    private readonly ConcurrentDictionary<string, StatusSeen> _firstStatus = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastVersion = new(StringComparer.Ordinal);
    private long _writes;

    public ServiceStatusRecorder(KubeSimServer kube, string ns)
    {
        _namespace = ns;
        var storage = kube.Resource("v1", "Service").Storage;
        _subscription = kube.Store.Subscribe(storage, null, Observe, capacity: 1);
    }

    /// <summary>Writes to Services in the namespace committed so far (creates, spec changes, status patches).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>When the Service first had a load-balancer ingress in its status, and the address.</summary>
    public StatusSeen? FirstStatus(string name) => _firstStatus.TryGetValue(name, out var seen) ? seen : null;

    public int WithStatus => _firstStatus.Count;

    public void Dispose() => _subscription.Dispose();

    private bool Observe(StoredObject stored)
    {
        if (stored.Namespace != _namespace) return false;
        // Called for the new and the previous state of each write; count each resourceVersion once.
        var known = _lastVersion.GetOrAdd(stored.Name, 0);
        if (stored.ResourceVersion > known)
        {
            _lastVersion[stored.Name] = stored.ResourceVersion;
            Interlocked.Increment(ref _writes);
        }
        if (_firstStatus.ContainsKey(stored.Name) || stored.Json.Span.IndexOf(IngressBytes) < 0) return false;
        var now = DateTimeOffset.UtcNow;
        using var document = JsonDocument.Parse(stored.Json);
        if (document.RootElement.TryGetProperty("status", out var status) &&
            status.TryGetProperty("loadBalancer", out var lb) &&
            lb.TryGetProperty("ingress", out var ingress) &&
            ingress.ValueKind == JsonValueKind.Array && ingress.GetArrayLength() > 0)
        {
            var first = ingress[0];
            var ip = first.TryGetProperty("ip", out var ipElement) ? ipElement.GetString() : null;
            _firstStatus.TryAdd(stored.Name, new StatusSeen(now, ip, stored.ResourceVersion));
        }
        return false;
    }

    public sealed record StatusSeen(DateTimeOffset Time, string? Ip, long ResourceVersion);
}
