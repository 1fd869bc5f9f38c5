using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.CustomResources;

/// <summary>
/// One version's <c>openAPIV3Schema</c> of a CustomResourceDefinition, applied as kube-apiserver applies it to custom
/// resources: unknown fields pruned (except under <c>x-kubernetes-preserve-unknown-fields</c>), defaults filled, then
/// validation (types, required, enum, pattern, lengths, bounds, items, oneOf/anyOf/allOf) with kube-openapi's wording
/// turned into field errors the way the apiextensions server does it.
/// </summary>
public sealed class StructuralSchema
{
    private static readonly string[] RootMetaFields = ["apiVersion", "kind", "metadata"];
    private readonly JsonObject _root;

    /// <summary>Wraps a schema (null: an empty schema that keeps everything).</summary>
    public StructuralSchema(JsonObject? root)
    {
        _root = root ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
    }

    /// <summary>The schema as the CRD declares it (what the OpenAPI documents publish for <c>kubectl explain</c>).</summary>
    public JsonObject Document => _root;

    /// <summary>Dotted paths of fields the schema does not declare; with <paramref name="remove"/> they are dropped, as kube-apiserver prunes them. Nulls of non-nullable fields are always dropped.</summary>
    public IReadOnlyList<string> Prune(JsonObject obj, bool remove)
    {
        var unknown = new List<string>();
        PruneObject(obj, _root, string.Empty, unknown, remove, root: true);
        return unknown;
    }

    /// <summary>Fills the schema's defaults into fields that are absent (inside objects that are present).</summary>
    public void ApplyDefaults(JsonObject obj) => Default(obj, _root);

    /// <summary>The field errors of an object (its metadata is validated elsewhere).</summary>
    public IReadOnlyList<FieldError> Validate(JsonObject obj)
    {
        var errors = new List<FieldError>();
        var body = obj.CloneObject();
        foreach (var field in RootMetaFields)
        {
            body.Remove(field);
        }
        var schema = _root.CloneObject();
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var field in RootMetaFields)
            {
                properties.Remove(field);
            }
        }
        Check(body, schema, string.Empty, errors);
        return errors;
    }

    private static void PruneObject(JsonObject obj, JsonObject schema, string path, List<string> unknown, bool remove, bool root = false)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var preserve = schema.BoolAt("x-kubernetes-preserve-unknown-fields") == true;
        var embedded = schema.BoolAt("x-kubernetes-embedded-resource") == true;
        foreach (var (key, value) in obj.ToList())
        {
            var at = path.Length == 0 ? key : $"{path}.{key}";
            if ((root || embedded) && RootMetaFields.Contains(key))
            {
                continue;
            }
            var child = properties?[key] as JsonObject ?? additional as JsonObject;
            if (child is null && additional is not JsonValue && !preserve)
            {
                unknown.Add(at);
                if (remove)
                {
                    obj.Remove(key);
                }
                continue;
            }
            if (value is null)
            {
                if (child?.BoolAt("nullable") != true)
                {
                    obj.Remove(key);
                }
                continue;
            }
            if (child is not null)
            {
                PruneValue(value, child, at, unknown, remove);
            }
        }
    }

    private static void PruneValue(JsonNode value, JsonObject schema, string path, List<string> unknown, bool remove)
    {
        switch (value)
        {
            case JsonObject obj when schema.StringAt("type") == "object" || schema["properties"] is not null || schema["additionalProperties"] is not null:
                PruneObject(obj, schema, path, unknown, remove);
                break;
            case JsonArray list when schema["items"] is JsonObject items:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is { } item)
                    {
                        PruneValue(item, items, $"{path}[{i}]", unknown, remove);
                    }
                }
                break;
        }
    }

    private static void Default(JsonNode? value, JsonObject schema)
    {
        switch (value)
        {
            case JsonObject obj:
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (key, property) in properties)
                    {
                        if (!obj.ContainsKey(key) && property?["default"] is { } defaultValue)
                        {
                            obj[key] = defaultValue.DeepClone();
                        }
                    }
                }
                foreach (var (key, child) in obj.ToList())
                {
                    if ((schema["properties"]?[key] ?? schema["additionalProperties"]) is JsonObject childSchema)
                    {
                        Default(child, childSchema);
                    }
                }
                break;
            case JsonArray list when schema["items"] is JsonObject items:
                foreach (var item in list)
                {
                    Default(item, items);
                }
                break;
        }
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<FieldError> errors)
    {
        var name = path.Length == 0 ? "." : path;
        if (value is null)
        {
            if (schema.BoolAt("nullable") != true && schema["type"] is not null)
            {
                errors.Add(FieldError.Invalid(path, null, $"{name} in body must be of type {schema.StringAt("type")}: \"null\""));
            }
            return;
        }
        var actual = TypeOf(value);
        if (!TypeMatches(schema, actual))
        {
            errors.Add(FieldError.Invalid(path, JsonValue.Create(actual), $"{name} in body must be of type {ExpectedType(schema)}: \"{actual}\""));
            return;
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add(FieldError.NotSupported(path, value, allowed.Select(a => a is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : a?.ToJsonString() ?? "null")));
        }
        switch (actual)
        {
            case "string":
                CheckString(value.GetValue<string>(), schema, path, name, errors);
                break;
            case "integer" or "number":
                CheckNumber(value, schema, path, name, errors);
                break;
            case "array":
                CheckArray((JsonArray)value, schema, path, name, errors);
                break;
            case "object":
                CheckObject((JsonObject)value, schema, path, errors);
                break;
        }
        CheckCombinators(value, schema, path, name, errors);
    }

    private static void CheckString(string text, JsonObject schema, string path, string name, List<FieldError> errors)
    {
        var value = JsonValue.Create(text);
        if (schema.LongAt("maxLength") is { } max && text.Length > max)
        {
            errors.Add(FieldError.TooLong(path, max));
        }
        if (schema.LongAt("minLength") is { } min && text.Length < min)
        {
            errors.Add(FieldError.Invalid(path, value, $"{name} in body should be at least {min} chars long"));
        }
        if (schema.StringAt("pattern") is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add(FieldError.Invalid(path, value, $"{name} in body should match '{pattern}'"));
        }
    }

    private static void CheckNumber(JsonNode value, JsonObject schema, string path, string name, List<FieldError> errors)
    {
        var number = value.GetValue<double>();
        if (schema["maximum"] is JsonValue maximum)
        {
            var exclusive = schema.BoolAt("exclusiveMaximum") == true;
            if (exclusive ? number >= maximum.GetValue<double>() : number > maximum.GetValue<double>())
            {
                errors.Add(FieldError.Invalid(path, value, $"{name} in body should be less than {(exclusive ? string.Empty : "or equal to ")}{maximum.ToJsonString()}"));
            }
        }
        if (schema["minimum"] is JsonValue minimum)
        {
            var exclusive = schema.BoolAt("exclusiveMinimum") == true;
            if (exclusive ? number <= minimum.GetValue<double>() : number < minimum.GetValue<double>())
            {
                errors.Add(FieldError.Invalid(path, value, $"{name} in body should be greater than {(exclusive ? string.Empty : "or equal to ")}{minimum.ToJsonString()}"));
            }
        }
    }

    private static void CheckArray(JsonArray list, JsonObject schema, string path, string name, List<FieldError> errors)
    {
        if (schema.LongAt("maxItems") is { } max && list.Count > max)
        {
            errors.Add(new FieldError(path, FieldErrorType.TooMany, JsonValue.Create(list.Count), $"must have at most {max.ToString(CultureInfo.InvariantCulture)} items"));
        }
        if (schema.LongAt("minItems") is { } min && list.Count < min)
        {
            errors.Add(FieldError.Invalid(path, list, $"{name} in body should have at least {min} items"));
        }
        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Check(list[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors)
    {
        foreach (var required in schema.ArrayAt("required").Select(r => r?.GetValue<string>()).OfType<string>())
        {
            if (!obj.ContainsKey(required))
            {
                errors.Add(FieldError.Required(Join(path, required)));
            }
        }
        var properties = schema["properties"] as JsonObject;
        foreach (var (key, child) in obj)
        {
            if ((properties?[key] ?? schema["additionalProperties"]) is JsonObject childSchema)
            {
                Check(child, childSchema, Join(path, key), errors);
            }
        }
    }

    private static void CheckCombinators(JsonNode value, JsonObject schema, string path, string name, List<FieldError> errors)
    {
        foreach (var part in schema.ArrayAt("allOf").OfType<JsonObject>())
        {
            Check(value, part, path, errors);
        }
        if (schema["oneOf"] is JsonArray oneOf)
        {
            var results = oneOf.OfType<JsonObject>().Select(part => Errors(value, part, path)).ToList();
            var valid = results.Count(r => r.Count == 0);
            if (valid != 1)
            {
                errors.Add(FieldError.Invalid(path, JsonValue.Create(string.Empty), $"\"{name}\" must validate one and only one schema (oneOf). {(valid == 0 ? "Found none valid" : $"Found {valid} valid alternatives")}"));
                if (valid == 0)
                {
                    errors.AddRange(results.SelectMany(r => r));
                }
            }
        }
        if (schema["anyOf"] is JsonArray anyOf)
        {
            var results = anyOf.OfType<JsonObject>().Select(part => Errors(value, part, path)).ToList();
            if (results.All(r => r.Count > 0))
            {
                errors.Add(FieldError.Invalid(path, JsonValue.Create(string.Empty), $"\"{name}\" must validate at least one schema (anyOf)"));
                errors.AddRange(results.SelectMany(r => r));
            }
        }
    }

    private static List<FieldError> Errors(JsonNode value, JsonObject schema, string path)
    {
        var errors = new List<FieldError>();
        Check(value, schema, path, errors);
        return errors;
    }

    private static string? ExpectedType(JsonObject schema) =>
        schema.BoolAt("x-kubernetes-int-or-string") == true ? "integer,string" : schema.StringAt("type");

    private static bool TypeMatches(JsonObject schema, string actual)
    {
        if (schema.BoolAt("x-kubernetes-int-or-string") == true)
        {
            return actual is "integer" or "string";
        }
        return schema.StringAt("type") switch
        {
            null => true,
            "number" => actual is "number" or "integer",
            var expected => expected == actual,
        };
    }

    private static string TypeOf(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.GetValue<double>() is var d && d == Math.Floor(d) && !value.ToJsonString().Contains('.', StringComparison.Ordinal) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
