using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Store;

/// <summary>The write side of <see cref="ObjectStore"/>, only handed out while the store's write lock is held, so read-check-write sequences are atomic.</summary>
public sealed class StoreWriter
{
    private readonly ObjectStore _store;

    internal StoreWriter(ObjectStore store)
    {
        _store = store;
    }

    /// <summary>The current resourceVersion.</summary>
    public long ResourceVersion => _store.ResourceVersion;

    /// <summary>The current object, or null.</summary>
    public StoredObject? Get(string storage, string ns, string name) => _store.Get(storage, ns, name);

    /// <summary>All current objects of a storage in key order.</summary>
    public ImmutableSortedDictionary<string, StoredObject> List(string storage) => _store.Collection(storage);

    /// <summary>Stores the object (creating or replacing it) under the next resourceVersion, which is written into its metadata.</summary>
    public StoredObject Put(string storage, JsonObject obj)
    {
        var rv = _store.NextVersion();
        obj.EnsureObject("metadata")["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var stored = StoredObject.Capture(storage, obj);
        _store.Commit(stored, remove: false);
        return stored;
    }

    /// <summary>Removes the object under the next resourceVersion; the DELETED event carries its last state stamped with that version.</summary>
    public StoredObject Remove(StoredObject current)
    {
        var rv = _store.NextVersion();
        var last = current.ToJson();
        last.EnsureObject("metadata")["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var stored = StoredObject.Capture(current.Storage, last);
        _store.Commit(stored, remove: true);
        return stored;
    }
}
