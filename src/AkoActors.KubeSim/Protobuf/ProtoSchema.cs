using System.Text.Json;

namespace AkoActors.KubeSim.Protobuf;

/// <summary>The field numbers of the Kubernetes messages KubeSim can read (embedded kube-proto-schema.json, produced by generate-schema.py from the published .proto files).</summary>
public sealed class ProtoSchema
{
    private readonly Dictionary<string, Dictionary<int, ProtoField>> _messages;

    private ProtoSchema(Dictionary<string, Dictionary<int, ProtoField>> messages)
    {
        _messages = messages;
    }

    /// <summary>The embedded schema.</summary>
    public static ProtoSchema Embedded { get; } = Load();

    /// <summary>The fields of a message, or null when it is not in the schema.</summary>
    public IReadOnlyDictionary<int, ProtoField>? Message(string name) => _messages.GetValueOrDefault(name);

    private static ProtoSchema Load()
    {
        using var stream = typeof(ProtoSchema).Assembly.GetManifestResourceStream("AkoActors.KubeSim.Protobuf.kube-proto-schema.json")
            ?? throw new InvalidOperationException("kube-proto-schema.json is not embedded");
        var raw = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string[]>>>(stream)!;
        var messages = raw.ToDictionary(
            m => m.Key,
            m => m.Value.ToDictionary(f => int.Parse(f.Key, System.Globalization.CultureInfo.InvariantCulture), f => new ProtoField(f.Value[0], f.Value[1], f.Value[2])),
            StringComparer.Ordinal);
        return new ProtoSchema(messages);
    }
}
