using System.Text.Json;
using System.Text.Json.Nodes;

namespace AkoActors.AviSim.Store;

/// <summary>One immutable version of a stored object: its canonical document (refs as <c>/api/type/uuid</c>),
/// the same document serialized once, and the keys the store indexes it by.</summary>
/// <remarks>The document is never mutated after construction; writers build a new version. That lets
/// readers render <see cref="Utf8"/> outside the store's lock. The keys are read from the bytes, and the document
/// is parsed only when something asks for it: a shared VS's policy set of thousands of rules is rewritten on every
/// change and rendered from its bytes, so building a DOM of it per write was most of what such a write cost.</remarks>
internal sealed class StoredObject
{
    private readonly Lazy<JsonObject> _document;

    private StoredObject(AviObjectType type, JsonObject candidate, long sequence)
    {
        Type = type;
        Utf8 = JsonSerializer.SerializeToUtf8Bytes(candidate);
        // Parsed again from the bytes, when first asked for, so every value is JSON-backed (numbers convert to any CLR
        // numeric type) no matter how the candidate was assembled.
        var utf8 = Utf8;
        _document = new Lazy<JsonObject>(() => JsonNode.Parse(utf8)!.AsObject());
        Sequence = sequence;
        using var parsed = JsonDocument.Parse(Utf8);
        var root = parsed.RootElement;
        Uuid = String(root, "uuid")!;
        Name = String(root, "name") ?? Uuid;
        TenantUuid = String(root, "tenant_ref") is { } tenant ? ObjectRef.UuidOfCanonical(tenant) : "admin";
        LastModified = String(root, "_last_modified") ?? "";
        CreatedBy = String(root, "created_by");
        CloudUuid = RefUuid(root, "cloud_ref");
        VrfUuid = RefUuid(root, "vrf_context_ref") ?? RefUuid(root, "vrf_ref");
        SeGroupUuid = RefUuid(root, "se_group_ref");
        Labels = ReadLabels(root);
        References = CollectReferences(root);
    }

    public AviObjectType Type { get; }

    public JsonObject Document => _document.Value;

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

    private static string? String(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? RefUuid(JsonElement document, string field) =>
        String(document, field) is { } text ? ObjectRef.UuidOfCanonical(text) : null;

    private static List<KeyValuePair<string, string>> ReadLabels(JsonElement document)
    {
        var labels = new List<KeyValuePair<string, string>>();
        if (document.TryGetProperty("labels", out var labelArray) && labelArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var label in labelArray.EnumerateArray())
            {
                if (String(label, "key") is { } key)
                {
                    labels.Add(new(key, String(label, "value") ?? ""));
                }
            }
        }
        if (document.TryGetProperty("markers", out var markers) && markers.ValueKind == JsonValueKind.Array)
        {
            foreach (var marker in markers.EnumerateArray())
            {
                if (String(marker, "key") is not { } key)
                {
                    continue;
                }
                if (!marker.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
                {
                    labels.Add(new(key, ""));
                    continue;
                }
                foreach (var value in values.EnumerateArray())
                {
                    labels.Add(new(key, value.ValueKind == JsonValueKind.String ? value.GetString()! : ""));
                }
            }
        }
        return labels;
    }

    private static HashSet<string> CollectReferences(JsonElement document)
    {
        var refs = new HashSet<string>(StringComparer.Ordinal);
        Collect(document, null, refs);
        return refs;
    }

    private static void Collect(JsonElement node, string? propertyName, HashSet<string> refs)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    if (property.NameEquals("url") || property.NameEquals("tenant_ref"))
                    {
                        continue;
                    }
                    Collect(property.Value, property.Name, refs);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    Collect(item, propertyName, refs);
                }
                break;
            case JsonValueKind.String when propertyName is not null && RefFields.IsRefField(propertyName) &&
                                           node.GetString() is { } text && text.StartsWith("/api/", StringComparison.Ordinal):
                refs.Add(ObjectRef.UuidOfCanonical(text));
                break;
        }
    }
}
