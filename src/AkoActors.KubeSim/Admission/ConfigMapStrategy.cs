using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>ConfigMap validation: valid, unique keys across data and binaryData, string values.</summary>
public sealed class ConfigMapStrategy : IResourceStrategy
{
    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        foreach (var (key, value) in obj.ObjectAt("data") ?? [])
        {
            if (!DataKeyRules.IsValidKey(key))
            {
                yield return FieldError.Invalid("data", JsonValue.Create(key), "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
            }
            if (value is not JsonValue v || !v.TryGetValue<string>(out _))
            {
                yield return FieldError.Invalid($"data[{key}]", value, "must be a string");
            }
            if (obj.ObjectAt("binaryData")?.ContainsKey(key) == true)
            {
                yield return FieldError.Invalid("data", JsonValue.Create(key), "duplicate of key present in binaryData");
            }
        }
    }
}
