namespace AkoActors.Avi.Transport;

/// <summary>Bounds concurrent controller requests and hands free slots out by priority, then round-robin across fairness keys.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>The fairness key is the Kubernetes namespace a request works for, so a namespace that floods changes waits
/// behind its own queue and cannot starve others: each waiting namespace gets every k-th slot (isolation,
/// architecture.md guarantee 5).</item>
/// <item>Higher priorities go first. Plans use the wave number, so a tree whose first objects are written finishes
/// before thousands of others start: a burst then produces statuses steadily instead of all of them at the very end.</item>
/// </list>
/// </remarks>
public sealed class FairRequestGate
{
    private readonly object _lock = new();
    private readonly SortedDictionary<int, Lane> _lanes = new(Comparer<int>.Create((a, b) => b.CompareTo(a)));
    private readonly int _capacity;
    private int _inFlight;
    private int _waiting;

    public FairRequestGate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int InFlight
    {
        get { lock (_lock) return _inFlight; }
    }

    public int Waiting
    {
        get { lock (_lock) return _waiting; }
    }

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    public ValueTask<IDisposable> EnterAsync(string fairnessKey, int priority = 0, CancellationToken cancellationToken = default)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_inFlight < _capacity)
            {
                _inFlight++;
                return ValueTask.FromResult<IDisposable>(new Slot(this));
            }
            waiter = new Waiter();
            if (!_lanes.TryGetValue(priority, out var lane)) _lanes[priority] = lane = new Lane();
            lane.Enqueue(fairnessKey, waiter);
            _waiting++;
        }
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        }
        return new ValueTask<IDisposable>(waiter.Completion.Task);
    }

    private void Release()
    {
        Waiter? next = null;
        lock (_lock)
        {
            while (next is null && _lanes.Count > 0)
            {
                var (priority, lane) = _lanes.First();
                next = lane.Dequeue();
                if (lane.IsEmpty) _lanes.Remove(priority);
            }
            if (next is null)
            {
                _inFlight--;
                return;
            }
            _waiting--;
            next.Granted = true;
        }
        // The slot passes straight to the waiter, so the in-flight count is unchanged.
        next.Registration.Dispose();
        next.Completion.TrySetResult(new Slot(this));
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_lock)
        {
            if (waiter.Granted || waiter.Cancelled) return;
            waiter.Cancelled = true;
            _waiting--;
        }
        waiter.Completion.TrySetCanceled(token);
    }

    /// <summary>The waiters of one priority: a queue per fairness key, served round-robin.</summary>
    private sealed class Lane
    {
        private readonly Dictionary<string, Queue<Waiter>> _queues = new(StringComparer.Ordinal);
        private readonly LinkedList<string> _turns = new();

        public bool IsEmpty => _turns.Count == 0;

        public void Enqueue(string key, Waiter waiter)
        {
            if (!_queues.TryGetValue(key, out var queue))
            {
                _queues[key] = queue = new Queue<Waiter>();
                _turns.AddLast(key);
            }
            queue.Enqueue(waiter);
        }

        /// <summary>The next live waiter, taking turns between keys; cancelled waiters are dropped on the way.</summary>
        public Waiter? Dequeue()
        {
            while (_turns.First is { } turn)
            {
                var key = turn.Value;
                _turns.RemoveFirst();
                var queue = _queues[key];
                Waiter? next = null;
                while (queue.Count > 0 && next is null)
                {
                    var candidate = queue.Dequeue();
                    if (!candidate.Cancelled) next = candidate;
                }
                if (queue.Count > 0) _turns.AddLast(key);
                else _queues.Remove(key);
                if (next is not null) return next;
            }
            return null;
        }
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<IDisposable> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public bool Cancelled { get; set; }

        public bool Granted { get; set; }
    }

    private sealed class Slot(FairRequestGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
