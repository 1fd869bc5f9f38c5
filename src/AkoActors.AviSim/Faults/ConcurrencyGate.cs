namespace AkoActors.AviSim.Faults;

/// <summary>Caps how many API requests are processed at once; extra ones wait in arrival order, like
/// requests queueing on a busy controller. The cap can change while requests wait.</summary>
internal sealed class ConcurrencyGate
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private int _capacity;
    private int _inFlight;
    private int _peak;

    /// <summary>0 means unlimited.</summary>
    public int Capacity
    {
        get
        {
            lock (_gate)
            {
                return _capacity;
            }
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (_gate)
            {
                _capacity = value;
                ReleaseWaitersLocked();
            }
        }
    }

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    public int PeakInFlight
    {
        get
        {
            lock (_gate)
            {
                return _peak;
            }
        }
    }

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (_capacity == 0 || _inFlight < _capacity)
            {
                Admit();
                return new Slot(this);
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }
        await using (cancellationToken.Register(() =>
                     {
                         lock (_gate)
                         {
                             if (node.List is not null)
                             {
                                 _waiters.Remove(node);
                                 waiter.TrySetCanceled(cancellationToken);
                             }
                         }
                     }))
        {
            await waiter.Task.ConfigureAwait(false);
        }
        return new Slot(this);
    }

    public void ResetPeak()
    {
        lock (_gate)
        {
            _peak = _inFlight;
        }
    }

    private void Admit()
    {
        _inFlight++;
        _peak = Math.Max(_peak, _inFlight);
    }

    private void Release()
    {
        lock (_gate)
        {
            _inFlight--;
            ReleaseWaitersLocked();
        }
    }

    private void ReleaseWaitersLocked()
    {
        while (_waiters.First is { } first && (_capacity == 0 || _inFlight < _capacity))
        {
            _waiters.RemoveFirst();
            Admit();
            first.Value.TrySetResult();
        }
    }

    private sealed class Slot(ConcurrencyGate owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
