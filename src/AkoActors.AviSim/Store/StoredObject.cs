using System.Text.Json;
using System.Text.Json.Nodes;

namespace AkoActors.AviSim.Store;

/// <summary>One immutable version of a stored object: its canonical document (refs as <c>/api/type/uuid</c>),
/// the same document serialized once, and the keys the store indexes it by.</summary>
/// <remarks>The document is never mutated after construction; writers build a new version. That lets
/// readers render <see cref="Utf8"/> outside the store's lock.</remarks>
internal sealed class StoredObject
{
    private StoredObject(AviObjectType type, JsonObject candidate, long sequence)
    {
        Type = type;
        Utf8 = JsonSerializer.SerializeToUtf8Bytes(candidate);
        // Re-read from the bytes so every value is JSON-backed (numbers convert to any CLR numeric type)
        // no matter how the candidate was assembled.
        var document = JsonNode.Parse(Utf8)!.AsObject();
        Document = document;
        Sequence = sequence;
        Uuid = (string)document["uuid"]!;
        Name = document["name"]?.GetValue<string>() ?? Uuid;
        TenantUuid = document["tenant_ref"] is JsonValue t ? ObjectRef.UuidOfCanonical(t.GetValue<string>()) : "admin";
        LastModified = document["_last_modified"]?.GetValue<string>() ?? "";
        CreatedBy = document["created_by"] is JsonValue c && c.TryGetValue<string>(out var createdBy) ? createdBy : null;
        CloudUuid = RefUuid(document, "cloud_ref");
        VrfUuid = RefUuid(document, "vrf_context_ref") ?? RefUuid(document, "vrf_ref");
        SeGroupUuid = RefUuid(document, "se_group_ref");
        Labels = ReadLabels(document);
        References = CollectReferences(document);
    }

    public AviObjectType Type { get; }

    public JsonObject Document { get; }

    public byte[] Utf8 { get; }

    /// <summary>Creation order within the store; lists are returned in this order and keep it across updates.</summary>
    public long Sequence { get; }

    public string Uuid { get; }

    public string Name { get; }

    public string TenantUuid { get; }

    public string LastModified { get; }

    public string? CreatedBy { get; }

    public string? CloudUuid { get; }

    public string? VrfUuid { get; }

    public string? SeGroupUuid { get; }

    /// <summary>Key/value pairs from <c>labels[] {key, value}</c> and <c>markers[] {key, values[]}</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    /// <summary>Uuids of every object this one refers to, for referential integrity on delete.</summary>
    public IReadOnlySet<string> References { get; }

    public static StoredObject Create(AviObjectType type, JsonObject canonicalDocument, long sequence) =>
        new(type, canonicalDocument, sequence);

    private static string? RefUuid(JsonObject document, string field) =>
        document[field] is JsonValue v && v.TryGetValue<string>(out var text) ? ObjectRef.UuidOfCanonical(text) : null;

    private static List<KeyValuePair<string, string>> ReadLabels(JsonObject document)
    {
        var labels = new List<KeyValuePair<string, string>>();
        if (document["labels"] is JsonArray labelArray)
        {
            foreach (var label in labelArray.OfType<JsonObject>())
            {
                if (label["key"] is JsonValue k && k.TryGetValue<string>(out var key))
                {
                    var value = label["value"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
                    labels.Add(new(key, value));
                }
            }
        }
        if (document["markers"] is JsonArray markers)
        {
            foreach (var marker in markers.OfType<JsonObject>())
            {
                if (marker["key"] is JsonValue k && k.TryGetValue<string>(out var key))
                {
                    var values = marker["values"] as JsonArray;
                    if (values is null || values.Count == 0)
                    {
                        labels.Add(new(key, ""));
                        continue;
                    }
                    foreach (var value in values)
                    {
                        labels.Add(new(key, value is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : ""));
                    }
                }
            }
        }
        return labels;
    }

    private static HashSet<string> CollectReferences(JsonObject document)
    {
        var refs = new HashSet<string>(StringComparer.Ordinal);
        Collect(document, null, refs);
        return refs;
    }

    private static void Collect(JsonNode? node, string? propertyName, HashSet<string> refs)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key is "url" or "tenant_ref")
                    {
                        continue;
                    }
                    Collect(value, key, refs);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, propertyName, refs);
                }
                break;
            case JsonValue value when propertyName is not null && RefFields.IsRefField(propertyName) &&
                                      value.TryGetValue<string>(out var text) && text.StartsWith("/api/", StringComparison.Ordinal):
                refs.Add(ObjectRef.UuidOfCanonical(text));
                break;
        }
    }
}
