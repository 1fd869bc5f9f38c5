using System.Threading.Channels;

namespace AkoActors.KubeSim.Store;

/// <summary>
/// One watcher's view of the store: the replayed backlog, then live events in resourceVersion order through its own
/// queue, so a slow reader never blocks writers or other watchers. A bounded queue that fills up closes the
/// subscription (<see cref="Overflowed"/>) instead of growing without limit; the client then resumes or relists.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly ObjectStore _store;
    private readonly Channel<StoreEvent> _queue;
    private readonly Func<StoredObject, bool> _matches;
    private readonly CancellationTokenSource _overflow = new();
    private int _disposed;

    internal WatchSubscription(ObjectStore store, string? storage, Func<StoredObject, bool> matches, int capacity, IReadOnlyList<StoreEvent> backlog, long startVersion)
    {
        _store = store;
        Storage = storage;
        _matches = matches;
        Backlog = backlog;
        StartVersion = startVersion;
        _queue = capacity > 0
            ? Channel.CreateBounded<StoreEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    }

    /// <summary>The storage watched, or null for every storage.</summary>
    public string? Storage { get; }

    /// <summary>Events to deliver before the live ones: replayed history or the initial state as ADDED.</summary>
    public IReadOnlyList<StoreEvent> Backlog { get; }

    /// <summary>The store's resourceVersion when the subscription started; every later write reaches <see cref="Events"/>.</summary>
    public long StartVersion { get; }

    /// <summary>Live events after <see cref="StartVersion"/>, already filtered and translated for this watcher.</summary>
    public ChannelReader<StoreEvent> Events => _queue.Reader;

    /// <summary>Whether the watcher fell so far behind that its queue filled and it was closed.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Cancelled when the watcher overflows, so a writer blocked on a client that stopped reading can give up.</summary>
    public CancellationToken OverflowToken => _overflow.Token;

    /// <summary>Number of queued live events not yet read.</summary>
    public int Pending => _queue.Reader.CanCount ? _queue.Reader.Count : 0;

    /// <summary>A resourceVersion that is safe to announce in a BOOKMARK now: the store's current version if nothing is queued for this watcher, else null.</summary>
    public long? BookmarkVersion() => _store.ReadConsistently(current => _queue.Reader.Count == 0 ? current : (long?)null);

    /// <summary>Called under the store's write lock for every committed write.</summary>
    internal bool Offer(StoreEvent e)
    {
        var translated = Translate(e, _matches);
        if (translated is null)
        {
            return true;
        }
        if (_queue.Writer.TryWrite(translated))
        {
            return true;
        }
        Overflowed = true;
        _queue.Writer.TryComplete();
        // Cancellation callbacks may do real work; keep them off the store's write lock.
        ThreadPool.UnsafeQueueUserWorkItem(static cts => cts.Cancel(), _overflow, preferLocal: false);
        return false;
    }

    internal static StoreEvent? Translate(StoreEvent e, Func<StoredObject, bool> matches)
    {
        var now = matches(e.Object);
        switch (e.Type)
        {
            case StoreEventType.Modified:
                var before = e.Previous is not null && matches(e.Previous);
                return (before, now) switch
                {
                    (true, true) => e,
                    (false, true) => e with { Type = StoreEventType.Added },
                    (true, false) => e with { Type = StoreEventType.Deleted },
                    _ => null,
                };
            default:
                return now ? e : null;
        }
    }

    internal void Complete() => _queue.Writer.TryComplete();

    /// <summary>Stops delivery and releases the subscription.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _store.Unsubscribe(this);
            _queue.Writer.TryComplete();
        }
    }
}
