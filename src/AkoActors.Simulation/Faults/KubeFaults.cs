using AkoActors.KubeSim.Hosting;
using k8s;
using k8s.Models;

namespace AkoActors.Simulation.Faults;

/// <summary>The Kubernetes API misbehaving, through KubeSim: watch streams dropped (clients resume from their last
/// resourceVersion), the history compacted so that resume answers 410 Gone and clients must list again, and the API
/// server stopped and started again.</summary>
public sealed class KubeFaults
{
    private readonly Func<KubeSimServer> _kube;
    private readonly Func<TimeSpan, Task> _restart;
    private readonly Action<string> _say;
    private int _compactions;

    internal KubeFaults(Func<KubeSimServer> kube, Func<TimeSpan, Task> restart, Action<string> say)
    {
        _kube = kube;
        _restart = restart;
        _say = say;
    }

    /// <summary>Stops the API server (every connection refused, every watch ended), waits <paramref name="downtime"/>, and
    /// starts it again on the same address with every object kept (a kube-apiserver restart or upgrade).</summary>
    public Task RestartApiServerAsync(TimeSpan downtime) => _restart(downtime);

    /// <summary>Watch streams open once the simulation had started (every replica's informers), or 0 before.</summary>
    public int Baseline { get; internal set; }

    /// <summary>Waits (at most <paramref name="timeout"/>) until the informers of <paramref name="replicas"/> running
    /// replicas are watching again after a cut, so that the next cut has streams to cut; false when they are not.</summary>
    public async Task<bool> WatchingAgainAsync(int replicas, int replicasAtStart, TimeSpan timeout)
    {
        var expected = Baseline / Math.Max(1, replicasAtStart) * replicas;
        try
        {
            await Waiting.Poll.UntilAsync(() => _kube().Store.WatcherCount >= expected, $"{expected} watch streams to be open again", timeout,
                TimeSpan.FromMilliseconds(50));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Drops every client watch stream (not KubeSim's in-process controllers, which have no storage filter).</summary>
    public int CutWatches()
    {
        var cut = _kube().Store.CloseWatches(s => s.Storage is not null);
        _say($"Kubernetes watch streams cut ({cut})");
        return cut;
    }

    /// <summary>Writes one object nobody watches (so every watcher's resourceVersion is behind), compacts the API
    /// server's history and cuts every watch: each client's resume is answered 410 Gone and it must list again (an etcd
    /// compaction or an API server restart looks like this to a controller).</summary>
    public async Task<int> ExpireWatchesAsync(IKubernetes client)
    {
        var marker = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = $"ako-simulation-compaction-{Interlocked.Increment(ref _compactions)}", NamespaceProperty = "default" },
        };
        await client.CoreV1.CreateNamespacedConfigMapAsync(marker, "default");
        _kube().Store.CompactHistory();
        var cut = _kube().Store.CloseWatches(s => s.Storage is not null);
        _say($"Kubernetes history compacted and {cut} watch streams cut: resumes get 410 Gone");
        return cut;
    }
}
