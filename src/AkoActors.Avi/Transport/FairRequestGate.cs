namespace AkoActors.Avi.Transport;

/// <summary>Bounds concurrent controller requests and hands free slots round-robin across fairness keys.</summary>
/// <remarks>The key is the Kubernetes namespace a request works for, so a namespace that floods changes waits
/// behind its own queue and cannot starve others: each waiting namespace gets every k-th slot (isolation,
/// architecture.md guarantee 5).</remarks>
public sealed class FairRequestGate
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Queue<Waiter>> _queues = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _turns = new();
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
    public ValueTask<IDisposable> EnterAsync(string fairnessKey, CancellationToken cancellationToken = default)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_inFlight < _capacity)
            {
                _inFlight++;
                return ValueTask.FromResult<IDisposable>(new Slot(this));
            }
            waiter = new Waiter(fairnessKey);
            if (!_queues.TryGetValue(fairnessKey, out var queue))
            {
                queue = new Queue<Waiter>();
                _queues[fairnessKey] = queue;
                _turns.AddLast(fairnessKey);
            }
            queue.Enqueue(waiter);
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
            while (next is null && _turns.First is { } turn)
            {
                var key = turn.Value;
                _turns.RemoveFirst();
                var queue = _queues[key];
                while (queue.Count > 0 && next is null)
                {
                    var candidate = queue.Dequeue();
                    if (!candidate.Cancelled) next = candidate;
                }
                if (queue.Count > 0) _turns.AddLast(key);
                else _queues.Remove(key);
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

    private sealed class Waiter(string key)
    {
        public string Key { get; } = key;

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
