using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.KubeSim.Admission;
using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Json;

namespace AkoActors.KubeSim.CustomResources;

/// <summary>
/// CustomResourceDefinition defaulting, validation and status as kube-apiserver keeps them: the name is
/// <c>&lt;plural&gt;.&lt;group&gt;</c>, names and scope are required, exactly one storage version, every version with a
/// schema; once admitted the names are accepted and the CRD Established at once (the real establishing controller
/// takes a moment), and storedVersions records every version ever used for storage.
/// </summary>
public sealed class CustomResourceDefinitionStrategy : IResourceStrategy
{
    private static readonly string[] Scopes = ["Cluster", "Namespaced"];

    /// <inheritdoc />
    public void PrepareForCreate(JsonObject obj, AdmissionContext context)
    {
        ApplyDefaults(obj);
        obj["status"] = Status(obj, null, context);
    }

    /// <inheritdoc />
    public void PrepareForUpdate(JsonObject obj, JsonObject old, AdmissionContext context)
    {
        ApplyDefaults(obj);
        obj["status"] = Status(obj, old.ObjectAt("status"), context);
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        var names = spec.EnsureObject("names");
        if (names.StringAt("kind") is { Length: > 0 } kind)
        {
            names["singular"] ??= kind.ToLowerInvariant();
            names["listKind"] ??= kind + "List";
        }
        spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
    }

    /// <inheritdoc />
    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj.ObjectAt("spec");
        var group = spec.StringAt("group") ?? string.Empty;
        var plural = spec.StringAt("names", "plural") ?? string.Empty;
        var name = obj.StringAt("metadata", "name") ?? string.Empty;
        if (name != $"{plural}.{group}")
        {
            yield return FieldError.Invalid("metadata.name", JsonValue.Create(name), "must be spec.names.plural+\".\"+spec.group");
        }
        if (group.Length == 0)
        {
            yield return FieldError.Required("spec.group");
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            yield return FieldError.Invalid("spec.group", JsonValue.Create(group), "should be a domain with at least one dot");
        }
        foreach (var field in new[] { "plural", "singular", "kind", "listKind" })
        {
            if (string.IsNullOrEmpty(spec.StringAt("names", field)))
            {
                yield return FieldError.Required($"spec.names.{field}");
            }
        }
        var scope = spec.StringAt("scope") ?? string.Empty;
        if (!Scopes.Contains(scope))
        {
            yield return FieldError.NotSupported("spec.scope", JsonValue.Create(scope), Scopes);
        }
        var versions = spec.ArrayAt("versions").OfType<JsonObject>().ToList();
        if (versions.Count == 0)
        {
            yield return FieldError.Invalid("spec.versions", spec?["versions"], "must have exactly one version marked as storage version");
        }
        else if (versions.Count(v => v.BoolAt("storage") == true) != 1)
        {
            yield return FieldError.Invalid("spec.versions", spec!["versions"], "must have exactly one version marked as storage version");
        }
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].ObjectAt("schema", "openAPIV3Schema") is null)
            {
                yield return FieldError.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required");
            }
            if (versions.Take(i).Any(v => v.StringAt("name") == versions[i].StringAt("name")))
            {
                yield return FieldError.Duplicate($"spec.versions[{i}].name", versions[i]["name"]);
            }
        }
        if (old is not null && old.StringAt("spec", "scope") != scope)
        {
            yield return FieldError.Invalid("spec.scope", JsonValue.Create(scope), "field is immutable");
        }
    }

    private static JsonObject Status(JsonObject obj, JsonObject? oldStatus, AdmissionContext context)
    {
        var now = context.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        JsonObject Condition(string type, string reason, string message) =>
            oldStatus.ArrayAt("conditions").OfType<JsonObject>().FirstOrDefault(c => c.StringAt("type") == type && c.StringAt("status") == "True")?.CloneObject()
            ?? new JsonObject { ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = message };
        var stored = oldStatus.ArrayAt("storedVersions").Select(v => v!.GetValue<string>()).ToList();
        if (obj.ArrayAt("spec", "versions").OfType<JsonObject>().FirstOrDefault(v => v.BoolAt("storage") == true)?.StringAt("name") is { } storage && !stored.Contains(storage))
        {
            stored.Add(storage);
        }
        return new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted")),
            ["acceptedNames"] = obj.ObjectAt("spec", "names")?.DeepClone(),
            ["storedVersions"] = new JsonArray(stored.Select(v => (JsonNode?)v).ToArray()),
        };
    }
}
