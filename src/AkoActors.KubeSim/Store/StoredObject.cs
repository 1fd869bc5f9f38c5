using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Store;

/// <summary>An immutable stored object: its serialized JSON (served as is to every reader and watcher) plus the metadata needed to index, select and order it.</summary>
public sealed class StoredObject
{
    private StoredObject(string storage, string ns, string name, string uid, long resourceVersion, IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> ownerUids, bool terminating, byte[] json)
    {
        Storage = storage;
        Namespace = ns;
        Name = name;
        Uid = uid;
        ResourceVersion = resourceVersion;
        Labels = labels;
        OwnerUids = ownerUids;
        IsTerminating = terminating;
        Json = json;
    }

    /// <summary>The storage (resource) this object belongs to.</summary>
    public string Storage { get; }

    /// <summary>Namespace; empty for cluster-scoped objects.</summary>
    public string Namespace { get; }

    /// <summary>metadata.name.</summary>
    public string Name { get; }

    /// <summary>metadata.uid.</summary>
    public string Uid { get; }

    /// <summary>metadata.resourceVersion: the global counter value of the write that produced this state.</summary>
    public long ResourceVersion { get; }

    /// <summary>metadata.labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>uids of metadata.ownerReferences, for garbage collection.</summary>
    public IReadOnlyList<string> OwnerUids { get; }

    /// <summary>Whether metadata.deletionTimestamp is set.</summary>
    public bool IsTerminating { get; }

    /// <summary>The object as UTF-8 JSON, including kind and apiVersion.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>The ordering key within its storage: <c>namespace/name</c>, as etcd orders keys.</summary>
    public string Key => KeyOf(Namespace, Name);

    /// <summary>The ordering key of a namespace and name.</summary>
    public static string KeyOf(string ns, string name) => ns + "/" + name;

    /// <summary>A fresh mutable copy of the object.</summary>
    public JsonObject ToJson() => (JsonObject)JsonNode.Parse(Json.Span)!;

    /// <summary>Captures a JSON object (which must already carry its final metadata) as an immutable stored object.</summary>
    public static StoredObject Capture(string storage, JsonObject obj)
    {
        var metadata = obj.ObjectAt("metadata") ?? throw new ArgumentException("object without metadata", nameof(obj));
        var owners = metadata.ArrayAt("ownerReferences").Select(o => o.StringAt("uid")).OfType<string>().ToArray();
        var json = JsonSerializer.SerializeToUtf8Bytes(obj);
        return new StoredObject(
            storage,
            metadata.StringAt("namespace") ?? string.Empty,
            metadata.StringAt("name") ?? string.Empty,
            metadata.StringAt("uid") ?? string.Empty,
            long.TryParse(metadata.StringAt("resourceVersion"), out var rv) ? rv : 0,
            metadata.StringMapAt("labels"),
            owners,
            metadata.StringAt("deletionTimestamp") is not null,
            json);
    }
}
