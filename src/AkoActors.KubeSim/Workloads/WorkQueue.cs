using System.Threading.Channels;

namespace AkoActors.KubeSim.Workloads;

/// <summary>The controllers' de-duplicating work queue: items due now, and items due later (timers) that re-enter through a channel.</summary>
public sealed class WorkQueue
{
    private readonly List<WorkItem> _order = [];
    private readonly HashSet<WorkItem> _pending = [];
    private readonly Channel<WorkItem> _delayed = Channel.CreateUnbounded<WorkItem>();
    private readonly TimeProvider _clock;
    private readonly CancellationToken _stopping;

    /// <summary>Creates a queue whose timers stop with <paramref name="stopping"/>.</summary>
    public WorkQueue(TimeProvider clock, CancellationToken stopping)
    {
        _clock = clock;
        _stopping = stopping;
    }

    /// <summary>Items that came due.</summary>
    public ChannelReader<WorkItem> Due => _delayed.Reader;

    /// <summary>Whether nothing is waiting to be processed now.</summary>
    public bool IsEmpty => _order.Count == 0;

    /// <summary>Queues an item (once).</summary>
    public void Add(WorkItem item)
    {
        if (_pending.Add(item))
        {
            _order.Add(item);
        }
    }

    /// <summary>Queues an item after a delay (at once when the delay is zero).</summary>
    public void AddAfter(WorkItem item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }
        _ = Task.Delay(delay, _clock, _stopping).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    _delayed.Writer.TryWrite(item);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Takes every queued item, oldest first.</summary>
    public List<WorkItem> TakeAll()
    {
        var items = _order.ToList();
        _order.Clear();
        _pending.Clear();
        return items;
    }
}
