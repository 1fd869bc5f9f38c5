using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;

namespace AkoActors.KubeSim.Protobuf;

/// <summary>
/// Reads <c>application/vnd.kubernetes.protobuf</c> bodies (the <c>k8s\0</c> envelope around a runtime.Unknown) into
/// the JSON objects the rest of KubeSim works with. kubectl's typed clients send this format for
/// <c>kubectl create deployment/namespace/configmap/...</c>. Zero values that Go's JSON encoding would omit are dropped.
/// </summary>
public static class KubeProtobufReader
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];
    private static readonly HashSet<string> ZeroIsMeaningful = ["replicas"];

    /// <summary>Go structs embedded with json:",inline": separate messages on the wire, flat in JSON.</summary>
    public static IReadOnlySet<string> InlineFields { get; } = new HashSet<string>(StringComparer.Ordinal) { "ingressRuleValue", "volumeSource", "ephemeralContainerCommon", "persistentVolumeSource", "handler", "localObjectReference", "volumeStatus" };
    /// <summary>The protobuf message of an API group's kind, e.g. <c>k8s.io.api.apps.v1.Deployment</c>, or null.</summary>
    public static string? MessageOf(string group, string kind) => Packages.TryGetValue(group, out var package) ? $"{package}.{kind}" : null;

    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        [""] = "k8s.io.api.core.v1",
        ["apps"] = "k8s.io.api.apps.v1",
        ["networking.k8s.io"] = "k8s.io.api.networking.v1",
        ["discovery.k8s.io"] = "k8s.io.api.discovery.v1",
        ["events.k8s.io"] = "k8s.io.api.events.v1",
        ["coordination.k8s.io"] = "k8s.io.api.coordination.v1",
        ["authorization.k8s.io"] = "k8s.io.api.authorization.v1",
        ["rbac.authorization.k8s.io"] = "k8s.io.api.rbac.v1",
        ["policy"] = "k8s.io.api.policy.v1",
        ["meta.k8s.io"] = "k8s.io.apimachinery.pkg.apis.meta.v1",
    };

    /// <summary>Decodes one enveloped object; 400 when the bytes are not a Kubernetes protobuf object KubeSim knows.</summary>
    public static JsonObject Read(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4 || !body[..4].SequenceEqual(Magic))
        {
            throw ApiException.BadRequest("the protobuf body does not start with the Kubernetes magic prefix");
        }
        try
        {
            string? apiVersion = null;
            string? kind = null;
            ReadOnlySpan<byte> raw = default;
            var reader = new ProtoReader(body[4..]);
            while (reader.Next(out var number, out var wire))
            {
                switch (number)
                {
                    case 1:
                        var typeMeta = new ProtoReader(reader.Bytes());
                        while (typeMeta.Next(out var n, out var w))
                        {
                            if (n == 1)
                            {
                                apiVersion = Encoding.UTF8.GetString(typeMeta.Bytes());
                            }
                            else if (n == 2)
                            {
                                kind = Encoding.UTF8.GetString(typeMeta.Bytes());
                            }
                            else
                            {
                                typeMeta.Skip(w);
                            }
                        }
                        break;
                    case 2:
                        raw = reader.Bytes();
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }
            if (apiVersion is null || kind is null)
            {
                throw ApiException.BadRequest("the protobuf body carries no apiVersion/kind");
            }
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            var group = slash < 0 ? string.Empty : apiVersion[..slash];
            // DeleteOptions is registered in every group version: typed clients (helm's, for its release Secrets) send it as
            // "v1 DeleteOptions" or "apps/v1 DeleteOptions", so it is read as the meta.k8s.io message whatever the group.
            var message = kind == "DeleteOptions" ? $"{Packages["meta.k8s.io"]}.DeleteOptions"
                : Packages.TryGetValue(group, out var package) ? $"{package}.{kind}" : null;
            var schema = message is null ? null : ProtoSchema.Embedded.Message(message);
            if (schema is null)
            {
                throw new ApiException(415, "UnsupportedMediaType", $"protobuf bodies of {apiVersion} {kind} are not supported; send application/json");
            }
            var obj = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
            var decoded = ReadMessage(raw, message!);
            foreach (var (key, value) in decoded.ToList())
            {
                decoded.Remove(key);
                obj[key] = value;
            }
            return obj;
        }
        catch (ProtoFormatException e)
        {
            throw ApiException.BadRequest($"malformed protobuf body: {e.Message}");
        }
    }

    private static JsonObject ReadMessage(ReadOnlySpan<byte> data, string message)
    {
        var fields = ProtoSchema.Embedded.Message(message) ?? throw new ProtoFormatException($"unknown message {message}");
        var result = new JsonObject();
        var reader = new ProtoReader(data);
        while (reader.Next(out var number, out var wire))
        {
            if (!fields.TryGetValue(number, out var field))
            {
                reader.Skip(wire);
                continue;
            }
            switch (field.Cardinality)
            {
                case "map":
                    var (key, value) = ReadMapEntry(reader.Bytes(), field.Type);
                    (result[field.JsonName] as JsonObject ?? (JsonObject)(result[field.JsonName] = new JsonObject()))[key] = value;
                    break;
                case "repeated":
                    var list = result[field.JsonName] as JsonArray ?? (JsonArray)(result[field.JsonName] = new JsonArray());
                    if (wire == 2 && IsPackable(field.Type))
                    {
                        var packed = new ProtoReader(reader.Bytes());
                        while (!packed.AtEnd)
                        {
                            list.Add(ReadScalar(ref packed, field.Type, wire: field.Type is "double" or "fixed64" ? 1 : field.Type is "float" ? 5 : 0));
                        }
                    }
                    else
                    {
                        list.Add(ReadValue(ref reader, field.Type, wire));
                    }
                    break;
                default:
                    var single = ReadValue(ref reader, field.Type, wire);
                    if (InlineFields.Contains(field.JsonName) && single is JsonObject inline)
                    {
                        foreach (var (inlineKey, inlineValue) in inline.ToList())
                        {
                            inline.Remove(inlineKey);
                            result[inlineKey] = inlineValue;
                        }
                    }
                    else if (!IsOmitted(single, field.JsonName))
                    {
                        result[field.JsonName] = single;
                    }
                    break;
            }
        }
        return result;
    }

    private static (string Key, JsonNode? Value) ReadMapEntry(ReadOnlySpan<byte> data, string valueType)
    {
        var key = string.Empty;
        JsonNode? value = valueType == "bytes" ? JsonValue.Create(string.Empty) : valueType == "string" ? JsonValue.Create(string.Empty) : null;
        var reader = new ProtoReader(data);
        while (reader.Next(out var number, out var wire))
        {
            if (number == 1)
            {
                key = Encoding.UTF8.GetString(reader.Bytes());
            }
            else if (number == 2)
            {
                value = ReadValue(ref reader, valueType, wire);
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return (key, value);
    }

    private static JsonNode? ReadValue(ref ProtoReader reader, string type, int wire)
    {
        switch (type)
        {
            case "k8s.io.apimachinery.pkg.apis.meta.v1.Time":
            case "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime":
                return ReadTime(reader.Bytes(), micro: type.EndsWith("MicroTime", StringComparison.Ordinal));
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString":
                return ReadIntOrString(reader.Bytes());
            case "k8s.io.apimachinery.pkg.api.resource.Quantity":
                var quantity = ReadMessage(reader.Bytes(), type);
                return quantity["string"]?.DeepClone() ?? JsonValue.Create("0");
            case "k8s.io.apimachinery.pkg.runtime.RawExtension":
                var raw = ReadMessage(reader.Bytes(), type)["raw"]?.GetValue<string>();
                return raw is null ? null : JsonNode.Parse(Convert.FromBase64String(raw));
            case "k8s.io.apimachinery.pkg.apis.meta.v1.Duration":
                var nanos = ReadMessage(reader.Bytes(), type)["duration"]?.GetValue<long>() ?? 0;
                return JsonValue.Create(GoDuration(nanos));
            case "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1":
                reader.Skip(wire);
                return null;
        }
        if (ProtoSchema.Embedded.Message(type) is not null)
        {
            return ReadMessage(reader.Bytes(), type);
        }
        return ReadScalar(ref reader, type, wire);
    }

    private static JsonNode? ReadScalar(ref ProtoReader reader, string type, int wire) => type switch
    {
        "string" => JsonValue.Create(Encoding.UTF8.GetString(reader.Bytes())),
        "bytes" => JsonValue.Create(Convert.ToBase64String(reader.Bytes())),
        "bool" => JsonValue.Create(reader.Varint() != 0),
        "int32" => JsonValue.Create((int)reader.Varint()),
        "int64" => JsonValue.Create((long)reader.Varint()),
        "uint32" or "uint64" => JsonValue.Create(reader.Varint()),
        "sint32" or "sint64" => JsonValue.Create(Zigzag(reader.Varint())),
        "double" => JsonValue.Create(BitConverter.Int64BitsToDouble((long)reader.Fixed64())),
        "float" => JsonValue.Create(BitConverter.Int32BitsToSingle((int)reader.Fixed32())),
        _ => throw new ProtoFormatException($"unsupported field type {type} (wire {wire})"),
    };

    private static JsonNode? ReadTime(ReadOnlySpan<byte> data, bool micro)
    {
        long seconds = 0;
        long nanos = 0;
        var reader = new ProtoReader(data);
        while (reader.Next(out var number, out var wire))
        {
            if (number == 1)
            {
                seconds = (long)reader.Varint();
            }
            else if (number == 2)
            {
                nanos = (long)reader.Varint();
            }
            else
            {
                reader.Skip(wire);
            }
        }
        if (seconds == 0 && nanos == 0)
        {
            return null;
        }
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100).UtcDateTime;
        return JsonValue.Create(time.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    private static JsonNode? ReadIntOrString(ReadOnlySpan<byte> data)
    {
        long type = 0;
        long number = 0;
        var text = string.Empty;
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    type = (long)reader.Varint();
                    break;
                case 2:
                    number = (int)reader.Varint();
                    break;
                case 3:
                    text = Encoding.UTF8.GetString(reader.Bytes());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return type == 1 ? JsonValue.Create(text) : JsonValue.Create(number);
    }

    private static bool IsOmitted(JsonNode? value, string name) => value switch
    {
        null => true,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<int>(out var i) => i == 0 && !ZeroIsMeaningful.Contains(name),
        JsonValue v when v.TryGetValue<long>(out var l) => l == 0 && !ZeroIsMeaningful.Contains(name),
        _ => false,
    };

    private static bool IsPackable(string type) => type is "bool" or "int32" or "int64" or "uint32" or "uint64" or "sint32" or "sint64" or "double" or "float";

    private static long Zigzag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static string GoDuration(long nanos)
    {
        var span = TimeSpan.FromTicks(nanos / 100);
        var text = new StringBuilder();
        if (span.TotalHours >= 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}h");
        }
        if (span.TotalMinutes >= 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{span.Minutes}m");
        }
        text.Append(CultureInfo.InvariantCulture, $"{span.Seconds + span.Milliseconds / 1000.0:0.###}s");
        return text.ToString();
    }

    /// <summary>A protobuf wire-format cursor.</summary>
    private ref struct ProtoReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private int _position;

        public ProtoReader(ReadOnlySpan<byte> data)
        {
            _data = data;
            _position = 0;
        }

        public readonly bool AtEnd => _position >= _data.Length;

        public bool Next(out int number, out int wire)
        {
            if (AtEnd)
            {
                number = 0;
                wire = 0;
                return false;
            }
            var key = Varint();
            number = (int)(key >> 3);
            wire = (int)(key & 7);
            return true;
        }

        public ulong Varint()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _data.Length)
                {
                    throw new ProtoFormatException("truncated varint");
                }
                var b = _data[_position++];
                result |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }
            throw new ProtoFormatException("varint too long");
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var length = (int)Varint();
            if (length < 0 || _position + length > _data.Length)
            {
                throw new ProtoFormatException("length-delimited field runs past the end");
            }
            var slice = _data.Slice(_position, length);
            _position += length;
            return slice;
        }

        public ulong Fixed64()
        {
            if (_position + 8 > _data.Length)
            {
                throw new ProtoFormatException("truncated fixed64");
            }
            var value = BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(_position, 8));
            _position += 8;
            return value;
        }

        public uint Fixed32()
        {
            if (_position + 4 > _data.Length)
            {
                throw new ProtoFormatException("truncated fixed32");
            }
            var value = BinaryPrimitives.ReadUInt32LittleEndian(_data.Slice(_position, 4));
            _position += 4;
            return value;
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0:
                    Varint();
                    break;
                case 1:
                    Fixed64();
                    break;
                case 2:
                    Bytes();
                    break;
                case 5:
                    Fixed32();
                    break;
                default:
                    throw new ProtoFormatException($"unsupported wire type {wire}");
            }
        }
    }
}
