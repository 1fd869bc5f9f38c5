using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using AkoActors.KubeSim.Hosting;
using AkoActors.KubeSim.Store;

namespace AkoActors.Bench.Harness;

/// <summary>Records, at the moment KubeSim commits it, every write to an Ingress (networking.k8s.io/v1) in the benchmark
/// namespace, the load-balancer status each write carries, and the first time an Ingress's status names every host the
/// benchmark expects it to serve, each with an address.</summary>
/// <remarks>Hooks KubeSim's store subscription filter like <see cref="ServiceStatusRecorder"/>: it runs under the store's
/// write lock for every committed write, so the time is the API server's commit, with no watch delivery or polling delay
/// in it, and writes reach it one at a time in commit order. Nothing is queued (the filter always answers "not for me").
/// </remarks>
public sealed class IngressStatusRecorder : IDisposable
{
    private static readonly byte[] IngressBytes = Encoding.UTF8.GetBytes("\"ingress\"");
    private readonly string _namespace;
    private readonly WatchSubscription _subscription;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Record> _records = new(StringComparer.Ordinal);
    private long _writes;
    private int _complete;

    public IngressStatusRecorder(KubeSimServer kube, string ns)
    {
        _namespace = ns;
        var storage = kube.Resource("networking.k8s.io/v1", "Ingress").Storage;
        _subscription = kube.Store.Subscribe(storage, null, Observe, capacity: 1);
    }

    /// <summary>Writes to Ingresses in the namespace committed so far (creates, status patches, any other update).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Ingresses whose status has named every expected host with an address at least once.</summary>
    public int CompleteCount => Volatile.Read(ref _complete);

    /// <summary>Declares the hosts <paramref name="ingress"/> must show in its status before it counts as done; call it
    /// before the Ingress is created.</summary>
    public void Expect(string ingress, IEnumerable<string> hosts)
    {
        lock (_gate)
        {
            Get(ingress).Expected = hosts.ToImmutableSortedSet(StringComparer.Ordinal);
        }
    }

    /// <summary>The first committed status that named every expected host with an address: when, and host → address.</summary>
    public StatusSnapshot? FirstComplete(string ingress)
    {
        lock (_gate)
        {
            return _records.TryGetValue(ingress, out var record) ? record.FirstComplete : null;
        }
    }

    /// <summary>The newest committed status (empty when the Ingress has none).</summary>
    public StatusSnapshot? Latest(string ingress)
    {
        lock (_gate)
        {
            return _records.TryGetValue(ingress, out var record) ? record.History.LastOrDefault() : null;
        }
    }

    /// <summary>Every distinct status the Ingress had, in commit order (the empty one it is created with first).</summary>
    public IReadOnlyList<StatusSnapshot> History(string ingress)
    {
        lock (_gate)
        {
            return _records.TryGetValue(ingress, out var record) ? record.History.ToList() : [];
        }
    }

    /// <summary>Committed writes of one Ingress (its create included).</summary>
    public int WritesOf(string ingress)
    {
        lock (_gate)
        {
            return _records.TryGetValue(ingress, out var record) ? record.Writes : 0;
        }
    }

    public void Dispose() => _subscription.Dispose();

    private Record Get(string ingress)
    {
        if (!_records.TryGetValue(ingress, out var record)) _records[ingress] = record = new Record();
        return record;
    }

    private bool Observe(StoredObject stored)
    {
        if (stored.Namespace != _namespace) return false;
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            var record = Get(stored.Name);
            // Called for the new and the previous state of each write; count each resourceVersion once.
            if (stored.ResourceVersion <= record.LastVersion) return false;
            record.LastVersion = stored.ResourceVersion;
            record.Writes++;
            Interlocked.Increment(ref _writes);
            var hosts = Parse(stored.Json);
            var previous = record.History.LastOrDefault();
            if (previous is not null && previous.Hosts.Count == hosts.Count && !previous.Hosts.Except(hosts).Any()) return false;
            var snapshot = new StatusSnapshot(now, stored.ResourceVersion, hosts);
            record.History.Add(snapshot);
            if (record.FirstComplete is null && record.Expected is { Count: > 0 } expected &&
                expected.All(h => hosts.TryGetValue(h, out var ip) && !string.IsNullOrEmpty(ip)))
            {
                record.FirstComplete = snapshot;
                Interlocked.Increment(ref _complete);
            }
        }
        return false;
    }

    /// <summary>status.loadBalancer.ingress as hostname → ip (entries without a hostname are kept under their ip).</summary>
    private static ImmutableSortedDictionary<string, string?> Parse(ReadOnlyMemory<byte> json)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        if (json.Span.IndexOf(IngressBytes) < 0) return result.ToImmutable();
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("status", out var status) &&
            status.TryGetProperty("loadBalancer", out var lb) &&
            lb.TryGetProperty("ingress", out var ingress) &&
            ingress.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in ingress.EnumerateArray())
            {
                var ip = entry.TryGetProperty("ip", out var ipElement) ? ipElement.GetString() : null;
                var hostname = entry.TryGetProperty("hostname", out var hostElement) ? hostElement.GetString() : null;
                result[hostname ?? ip ?? "?"] = ip;
            }
        }
        return result.ToImmutable();
    }

    private sealed class Record
    {
        public ImmutableSortedSet<string>? Expected { get; set; }

        public long LastVersion { get; set; }

        public int Writes { get; set; }

        public List<StatusSnapshot> History { get; } = [];

        public StatusSnapshot? FirstComplete { get; set; }
    }

    /// <summary>One committed status: when, at which resourceVersion, and host → address.</summary>
    public sealed record StatusSnapshot(DateTimeOffset Time, long ResourceVersion, ImmutableSortedDictionary<string, string?> Hosts);
}
