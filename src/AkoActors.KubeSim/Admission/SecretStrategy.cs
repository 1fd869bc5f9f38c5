using System.Text;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.Admission;

/// <summary>Secret handling: stringData folded into base64 data, data values must be base64 and together at most 1 MiB decoded, TLS secrets need tls.crt and tls.key.</summary>
public sealed class SecretStrategy : IResourceStrategy
{
    /// <summary>kube-apiserver's limit on the decoded size of all data of one Secret (what caps a helm release Secret).</summary>
    public const int MaxSecretSize = 1024 * 1024;

    /// <inheritdoc />
    public void PrepareForCreate(JsonObject obj, AdmissionContext context) => Normalize(obj);

    /// <inheritdoc />
    public void PrepareForUpdate(JsonObject obj, JsonObject old, AdmissionContext context) => Normalize(obj);

    private static void Normalize(JsonObject obj)
    {
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = obj.EnsureObject("data");
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? string.Empty));
            }
            obj.Remove("stringData");
        }
    }

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var data = obj.ObjectAt("data");
        foreach (var (key, value) in data ?? [])
        {
            if (!DataKeyRules.IsValidKey(key))
            {
                yield return FieldError.Invalid("data", JsonValue.Create(key), "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
            }
            var text = (value as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null;
            if (text is null || !IsBase64(text))
            {
                yield return FieldError.Invalid($"data[{key}]", value, "illegal base64 data");
            }
        }
        var totalSize = (data ?? []).Sum(p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) && IsBase64(text) ? Convert.FromBase64String(text).Length : 0L);
        if (totalSize > MaxSecretSize)
        {
            yield return FieldError.TooLong("data", MaxSecretSize);
        }
        if (obj.StringAt("type") == "kubernetes.io/tls")
        {
            foreach (var required in new[] { "tls.crt", "tls.key" }.Where(k => data?[k] is null))
            {
                yield return FieldError.Required($"data[{required}]");
            }
        }
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
