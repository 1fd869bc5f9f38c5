using System.Text.Json;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>Streams a stored object to the response: canonical refs become full URLs on the caller's host,
/// <c>#name</c> is appended on request, projection drops fields, and fields the server derives at read
/// time (a VS's <c>vip</c>, <c>vh_child_vs_uuid</c>, <c>ipam_dns_records</c>) are merged in.</summary>
/// <remarks>Works token by token on the serialized bytes, so numbers and unknown fields come back exactly
/// as they were stored and no shared DOM is touched outside the store's lock.</remarks>
internal sealed class ObjectRenderer(Func<string, string?> nameOfUuid)
{
    public void Write(Utf8JsonWriter writer, byte[] stored, byte[]? derived, RenderOptions options)
    {
        var derivedKeys = derived is null ? null : TopLevelKeys(derived);
        writer.WriteStartObject();
        WriteProperties(writer, stored, derivedKeys, options);
        if (derived is not null)
        {
            WriteProperties(writer, derived, null, options);
        }
        writer.WriteEndObject();
    }

    private void WriteProperties(Utf8JsonWriter writer, byte[] utf8, HashSet<string>? skip, RenderOptions options)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var projectedOut = options.Fields is not null && !options.Fields.Contains(name) && name is not ("url" or "uuid");
            if (projectedOut || (skip?.Contains(name) ?? false))
            {
                reader.Skip();
                continue;
            }
            writer.WritePropertyName(name);
            CopyValue(ref reader, writer, name, options);
        }
    }

    private void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter writer, string? propertyName, RenderOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    writer.WritePropertyName(name);
                    reader.Read();
                    CopyValue(ref reader, writer, name, options);
                }
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    CopyValue(ref reader, writer, propertyName, options);
                }
                writer.WriteEndArray();
                break;
            case JsonTokenType.String:
                var text = reader.GetString()!;
                if (propertyName is not null && (propertyName == "url" || RefFields.IsRefField(propertyName)) &&
                    text.StartsWith("/api/", StringComparison.Ordinal))
                {
                    writer.WriteStringValue(RenderRef(text, options));
                }
                else
                {
                    writer.WriteStringValue(text);
                }
                break;
            case JsonTokenType.Number:
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonTokenType.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private string RenderRef(string canonical, RenderOptions options)
    {
        if (!options.IncludeName)
        {
            return options.Origin + canonical;
        }
        var name = nameOfUuid(ObjectRef.UuidOfCanonical(canonical));
        return name is null ? options.Origin + canonical : $"{options.Origin}{canonical}#{name}";
    }

    private static HashSet<string> TopLevelKeys(byte[] utf8)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            keys.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }
        return keys;
    }
}
