using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Registry;
using AkoActors.KubeSim.Store;
using Microsoft.Extensions.Logging;

namespace AkoActors.KubeSim.Workloads;

/// <summary>
/// Runs the simulated cluster controllers on one loop: it drains the store's event stream (so every controller sees
/// its own writes before it looks again), queues work, and reconciles each queued item once. Level-triggered, like
/// kube-controller-manager: a failed item is simply retried.
/// </summary>
public sealed class WorkloadControllers : IAsyncDisposable
{
    private readonly ResourceRegistry _registry;
    private readonly ILogger _logger;
    private readonly List<IWorkloadController> _controllers = [];
    private readonly OwnerIndex _owners = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly WorkQueue _queue;
    private readonly WatchSubscription? _events;
    private readonly Task _loop;
    private long _reconciled;

    /// <summary>Starts the controllers the options enable.</summary>
    public WorkloadControllers(ResourceRegistry registry, WorkloadOptions options, ILogger logger)
    {
        _registry = registry;
        _logger = logger;
        Options = options;
        var types = new ClusterTypes(registry.Catalog);
        _queue = new WorkQueue(registry.Options.Clock, _stopping.Token);
        var recorder = new ClusterEventRecorder(registry, options.Events);
        var pods = options.Pods ? new PodLifecycle(registry, types, options, recorder) : null;
        if (pods is not null)
        {
            _controllers.Add(pods);
        }
        if (options.Deployments)
        {
            _controllers.Add(new DeploymentController(registry, types, _owners, recorder));
            _controllers.Add(new ReplicaSetController(registry, types, _owners, pods, recorder));
        }
        if (options.StatefulSets)
        {
            _controllers.Add(new StatefulSetController(registry, types, _owners, pods, recorder));
        }
        if (options.DisruptionBudgets)
        {
            _controllers.Add(new DisruptionController(registry, types));
        }
        if (options.Endpoints)
        {
            _controllers.Add(new EndpointsController(registry, types));
        }
        if (options.GarbageCollector)
        {
            _controllers.Add(new GarbageCollector(registry, _owners));
        }
        registry.Options.GarbageCollectorRunning = options.GarbageCollector;
        registry.Options.PodTerminationDelay = options.Pods ? options.PodTerminationDelay : TimeSpan.Zero;
        // Unbounded, all storages, starting with the current state as ADDED: controllers catch up on a restored snapshot.
        if (_controllers.Count == 0)
        {
            _loop = Task.CompletedTask;
            return;
        }
        _events = registry.Store.Subscribe(null, null, _ => true, capacity: 0);
        _loop = Task.Run(() => RunAsync(_events));
    }

    /// <summary>The options the controllers run with.</summary>
    public WorkloadOptions Options { get; }

    /// <summary>How many work items have been reconciled (a progress signal for tests and benchmarks).</summary>
    public long ReconciledCount => Interlocked.Read(ref _reconciled);

    private async Task RunAsync(WatchSubscription events)
    {
        var token = _stopping.Token;
        foreach (var e in events.Backlog)
        {
            Observe(e);
        }
        Task<bool>? storeWait = null;
        Task<bool>? timerWait = null;
        while (!token.IsCancellationRequested)
        {
            try
            {
                while (true)
                {
                    var any = false;
                    while (events.Events.TryRead(out var e))
                    {
                        Observe(e);
                        any = true;
                    }
                    while (_queue.Due.TryRead(out var item))
                    {
                        _queue.Add(item);
                        any = true;
                    }
                    if (_queue.IsEmpty)
                    {
                        if (!any)
                        {
                            break;
                        }
                        continue;
                    }
                    foreach (var item in _queue.TakeAll())
                    {
                        Reconcile(item);
                        // Observe our own writes before the next item, so no controller acts on a stale index.
                        while (events.Events.TryRead(out var e))
                        {
                            Observe(e);
                        }
                    }
                }
                storeWait ??= events.Events.WaitToReadAsync(token).AsTask();
                timerWait ??= _queue.Due.WaitToReadAsync(token).AsTask();
                var done = await Task.WhenAny(storeWait, timerWait);
                if (done == storeWait)
                {
                    if (!await storeWait)
                    {
                        return;
                    }
                    storeWait = null;
                }
                else
                {
                    timerWait = null;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Observe(StoreEvent e)
    {
        _owners.Apply(e);
        foreach (var controller in _controllers)
        {
            controller.Observe(e, _queue);
        }
    }

    private void Reconcile(WorkItem item)
    {
        foreach (var controller in _controllers.Where(c => c.Handles(item.Kind)))
        {
            try
            {
                controller.Reconcile(item, _queue);
                Interlocked.Increment(ref _reconciled);
            }
            catch (ApiException e)
            {
                _logger.LogDebug("{Controller} {Kind} {Namespace}/{Name} failed ({Reason}); retrying", controller.GetType().Name, item.Kind, item.Namespace, item.Name, e.Reason);
                _queue.AddAfter(item, TimeSpan.FromMilliseconds(100));
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
            {
                _logger.LogWarning(e, "{Controller} {Kind} {Namespace}/{Name} failed; retrying", controller.GetType().Name, item.Kind, item.Namespace, item.Name);
                _queue.AddAfter(item, TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _events?.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stopping.Dispose();
    }
}
