using System.Collections.Immutable;

namespace AkoActors.KubeSim.Store;

/// <summary>
/// The in-memory object database: one global increasing resourceVersion, immutable per-storage sorted collections
/// (cheap consistent snapshots for paged lists), a bounded history for watch resumption, and fan-out of every write
/// to the subscribed watchers in commit order.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ImmutableSortedDictionary<string, StoredObject>> _collections = new(StringComparer.Ordinal);
    private static readonly ImmutableSortedDictionary<string, StoredObject> Empty = ImmutableSortedDictionary.Create<string, StoredObject>(StringComparer.Ordinal);
    private readonly EventHistory _history;
    private ImmutableArray<WatchSubscription> _subscriptions = [];
    private long _resourceVersion;
    private long _objectCount;

    /// <summary>Creates an empty store retaining the last <paramref name="historySize"/> writes for watch resumption.</summary>
    public ObjectStore(int historySize = 20_000, long initialResourceVersion = 0)
    {
        _history = new EventHistory(historySize);
        _resourceVersion = initialResourceVersion;
    }

    /// <summary>The resourceVersion of the latest write.</summary>
    public long ResourceVersion => Interlocked.Read(ref _resourceVersion);

    /// <summary>Number of objects held across all storages.</summary>
    public long Count => Interlocked.Read(ref _objectCount);

    /// <summary>Number of live watch subscriptions.</summary>
    public int WatcherCount => _subscriptions.Length;

    /// <summary>The oldest resourceVersion a watch can still resume from.</summary>
    public long OldestResumableVersion
    {
        get
        {
            lock (_gate)
            {
                return _history.OldestResumableVersion(_resourceVersion);
            }
        }
    }

    /// <summary>The current object, or null.</summary>
    public StoredObject? Get(string storage, string ns, string name) =>
        Collection(storage).GetValueOrDefault(StoredObject.KeyOf(ns, name));

    /// <summary>A consistent snapshot of one storage with the resourceVersion it reflects.</summary>
    public (long ResourceVersion, ImmutableSortedDictionary<string, StoredObject> Items) Snapshot(string storage)
    {
        lock (_gate)
        {
            return (_resourceVersion, Collection(storage));
        }
    }

    /// <summary>The storages that currently hold objects.</summary>
    public IReadOnlyList<string> Storages
    {
        get
        {
            lock (_gate)
            {
                return _collections.Where(c => !c.Value.IsEmpty).Select(c => c.Key).ToList();
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> under the write lock; everything it writes is committed atomically and in order.</summary>
    public T Write<T>(Func<StoreWriter, T> action)
    {
        lock (_gate)
        {
            return action(new StoreWriter(this));
        }
    }

    /// <summary>Evaluates <paramref name="read"/> with the current resourceVersion while no write can interleave.</summary>
    public T ReadConsistently<T>(Func<long, T> read)
    {
        lock (_gate)
        {
            return read(_resourceVersion);
        }
    }

    /// <summary>
    /// Subscribes to writes of one storage (or all when null) after <paramref name="fromVersion"/>. With a version,
    /// retained history after it is replayed first (410 Expired when it is older than the history); without one, the
    /// current matching objects are replayed as ADDED. <paramref name="capacity"/> 0 means an unbounded queue (in-process controllers).
    /// </summary>
    public WatchSubscription Subscribe(string? storage, long? fromVersion, Func<StoredObject, bool> matches, int capacity)
    {
        lock (_gate)
        {
            IReadOnlyList<StoreEvent> backlog;
            if (fromVersion is { } from)
            {
                var oldest = _history.OldestResumableVersion(_resourceVersion);
                if (from < oldest)
                {
                    throw new Api.ApiException(410, "Expired", $"too old resource version: {from} ({oldest})");
                }
                backlog = _history.Since(from).Where(e => storage is null || e.Object.Storage == storage).ToList();
            }
            else
            {
                var storages = storage is null ? _collections.Keys.ToList() : [storage];
                backlog = storages.SelectMany(s => Collection(s).Values).Select(o => new StoreEvent(StoreEventType.Added, o, null)).ToList();
            }
            var filtered = backlog.Select(e => WatchSubscription.Translate(e, matches)).OfType<StoreEvent>().ToList();
            var subscription = new WatchSubscription(this, storage, matches, capacity, filtered, _resourceVersion);
            _subscriptions = _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Completes every subscription (server shutdown).</summary>
    public void CloseAllWatches()
    {
        lock (_gate)
        {
            foreach (var s in _subscriptions)
            {
                s.Complete();
            }
            _subscriptions = [];
        }
    }

    /// <summary>Completes the subscriptions <paramref name="which"/> selects, as when the API server drops watch streams
    /// (clients resume from their last resourceVersion); returns how many were closed. Fault injection for tests.</summary>
    public int CloseWatches(Func<WatchSubscription, bool> which)
    {
        lock (_gate)
        {
            var closing = _subscriptions.Where(which).ToList();
            foreach (var s in closing)
            {
                s.Complete();
            }
            _subscriptions = _subscriptions.RemoveRange(closing);
            return closing.Count;
        }
    }

    /// <summary>Forgets the retained write history (an etcd compaction): a watch resuming from any version before now
    /// gets 410 Expired and must list again. Fault injection for tests.</summary>
    public void CompactHistory()
    {
        lock (_gate)
        {
            _history.Clear();
        }
    }

    /// <summary>Loads objects as they were saved (keeping their resourceVersions) into an empty store, without events.</summary>
    public void Restore(IEnumerable<(string Storage, System.Text.Json.Nodes.JsonObject Object)> objects, long resourceVersion)
    {
        lock (_gate)
        {
            foreach (var (storage, obj) in objects)
            {
                var stored = StoredObject.Capture(storage, obj);
                _collections[storage] = Collection(storage).SetItem(stored.Key, stored);
                Interlocked.Increment(ref _objectCount);
            }
            _resourceVersion = Math.Max(_resourceVersion, resourceVersion);
        }
    }

    internal void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }

    internal ImmutableSortedDictionary<string, StoredObject> Collection(string storage) =>
        _collections.TryGetValue(storage, out var c) ? c : Empty;

    internal long NextVersion() => Interlocked.Increment(ref _resourceVersion);

    internal void Commit(StoredObject stored, bool remove)
    {
        var collection = Collection(stored.Storage);
        var previous = collection.GetValueOrDefault(stored.Key);
        StoreEvent e;
        if (remove)
        {
            _collections[stored.Storage] = collection.Remove(stored.Key);
            Interlocked.Decrement(ref _objectCount);
            e = new StoreEvent(StoreEventType.Deleted, stored, previous);
        }
        else
        {
            _collections[stored.Storage] = collection.SetItem(stored.Key, stored);
            if (previous is null)
            {
                Interlocked.Increment(ref _objectCount);
            }
            e = new StoreEvent(previous is null ? StoreEventType.Added : StoreEventType.Modified, stored, previous);
        }
        _history.Add(e);
        List<WatchSubscription>? overflowed = null;
        foreach (var s in _subscriptions)
        {
            if ((s.Storage is null || s.Storage == stored.Storage) && !s.Offer(e))
            {
                (overflowed ??= []).Add(s);
            }
        }
        if (overflowed is not null)
        {
            _subscriptions = _subscriptions.RemoveRange(overflowed);
        }
    }
}
