using System.Globalization;
using System.Text.Json.Nodes;

namespace AkoActors.KubeSim.Api;

/// <summary>One reason an object is invalid, worded the way kube-apiserver words it so kubectl users read familiar messages.</summary>
public sealed record FieldError(string Field, FieldErrorType Type, JsonNode? Value, string Detail)
{
    /// <summary>A value that is present but wrong.</summary>
    public static FieldError Invalid(string field, JsonNode? value, string detail) => new(field, FieldErrorType.Invalid, value?.DeepClone(), detail);

    /// <summary>A value that is missing.</summary>
    public static FieldError Required(string field, string detail = "") => new(field, FieldErrorType.Required, null, detail);

    /// <summary>A value outside an enumeration.</summary>
    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> supported) =>
        new(field, FieldErrorType.NotSupported, value?.DeepClone(), "supported values: " + string.Join(", ", supported.Select(s => $"\"{s}\"")));

    /// <summary>A value that repeats another.</summary>
    public static FieldError Duplicate(string field, JsonNode? value) => new(field, FieldErrorType.Duplicate, value?.DeepClone(), string.Empty);

    /// <summary>A change that is not allowed.</summary>
    public static FieldError Forbidden(string field, string detail) => new(field, FieldErrorType.Forbidden, null, detail);

    /// <summary>A value larger than <paramref name="maxBytes"/> (kube-apiserver omits the value).</summary>
    public static FieldError TooLong(string field, long maxBytes) =>
        new(field, FieldErrorType.TooLong, null, $"may not be more than {maxBytes.ToString(CultureInfo.InvariantCulture)} {(maxBytes == 1 ? "byte" : "bytes")}");

    /// <summary>The Status cause reason, e.g. FieldValueInvalid.</summary>
    public string CauseReason => Type switch
    {
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        _ => "FieldValueInvalid",
    };

    /// <summary>The message without the field prefix, e.g. <c>Invalid value: 70000: must be between 1 and 65535, inclusive</c>.</summary>
    public string Message => Type switch
    {
        FieldErrorType.Required => Detail.Length == 0 ? "Required value" : $"Required value: {Detail}",
        FieldErrorType.NotSupported => $"Unsupported value: {Render(Value)}: {Detail}",
        FieldErrorType.Duplicate => $"Duplicate value: {Render(Value)}",
        FieldErrorType.Forbidden => $"Forbidden: {Detail}",
        FieldErrorType.TooLong => $"Too long: {Detail}",
        FieldErrorType.TooMany => $"Too many: {Render(Value)}: {Detail}",
        _ => $"Invalid value: {Render(Value)}: {Detail}",
    };

    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";

    private static string Render(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => $"\"{s}\"",
        JsonValue v => Convert.ToString(v.ToJsonString(), CultureInfo.InvariantCulture) ?? "null",
        _ => value.ToJsonString(),
    };
}
