using System.Text.Json.Nodes;
using AkoActors.KubeSim.Json;
using AkoActors.KubeSim.Resources;

namespace AkoActors.KubeSim.OpenApi;

/// <summary>
/// A minimal but valid OpenAPI v3 surface. kubectl 1.32 reads it for one decision each: whether the server validates
/// fields itself (a <c>fieldValidation</c> query parameter on the kind's PATCH operation, so kubectl sends
/// <c>fieldValidation=Strict</c> instead of validating client-side), and whether it may compute apply patches from
/// the published schema (no strategic-merge content type is advertised, so kubectl uses its compiled-in types, which
/// know every merge key of the built-in kinds).
/// </summary>
public sealed class OpenApiV3Documents
{
    private readonly ResourceCatalog _catalog;

    /// <summary>Creates the documents for a catalog.</summary>
    public OpenApiV3Documents(ResourceCatalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary><c>/openapi/v3</c>: the index of group-version documents.</summary>
    public JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (group, version) in _catalog.GroupVersions)
        {
            var key = PathKey(group, version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(group, version, SchemaText(group, version))}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary><c>/openapi/v3/api/v1</c> or <c>/openapi/v3/apis/{group}/{version}</c>, or null when not served.</summary>
    public JsonObject? GroupVersion(string key)
    {
        var gv = _catalog.GroupVersions.Cast<(string Group, string Version)?>().FirstOrDefault(g => PathKey(g!.Value.Group, g.Value.Version) == key);
        if (gv is null)
        {
            return null;
        }
        var (group, version) = gv.Value;
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var r in _catalog.All.Where(r => r.Group == group && r.Version == version))
        {
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var item = r.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{r.Plural}/{{name}}" : $"{prefix}/{r.Plural}/{{name}}";
            var collection = r.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{r.Plural}" : $"{prefix}/{r.Plural}";
            var schemaName = SchemaName(r);
            var gvk = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind };
            paths[collection] = new JsonObject
            {
                ["post"] = Operation(r, "post", gvk, schemaName, ["application/json", "application/yaml"]),
            };
            paths[item] = new JsonObject
            {
                ["get"] = Operation(r, "get", gvk, schemaName, null),
                ["put"] = Operation(r, "put", gvk, schemaName, ["application/json", "application/yaml"]),
                ["patch"] = Operation(r, "patch", gvk, schemaName, ["application/json-patch+json", "application/merge-patch+json"]),
            };
            if (r.Custom is { } custom)
            {
                // A CRD's own schema, so kubectl explain works on custom resources as on a real cluster.
                var schema = custom.Schema.Document.CloneObject();
                schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
                schemas[schemaName] = schema;
                continue;
            }
            schemas[schemaName] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = $"{r.Kind} (KubeSim publishes no field schema; the server validates what it enforces).",
                ["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone()),
            };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes (KubeSim)", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Operation(ResourceType r, string verb, JsonObject gvk, string schemaName, string[]? bodyTypes)
    {
        var reference = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" };
        var op = new JsonObject
        {
            ["operationId"] = $"{verb}{r.Kind}",
            ["parameters"] = new JsonArray(
                QueryParameter("dryRun"),
                QueryParameter("fieldManager"),
                QueryParameter("fieldValidation")),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                },
            },
            ["x-kubernetes-action"] = verb,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
        if (bodyTypes is not null)
        {
            var content = new JsonObject();
            foreach (var type in bodyTypes)
            {
                content[type] = new JsonObject { ["schema"] = reference.DeepClone() };
            }
            op["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        }
        return op;
    }

    private static JsonObject QueryParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static string SchemaName(ResourceType r)
    {
        if (r.Custom is not null)
        {
            // kube-apiserver names custom resource schemas by the reversed group: com.vmware.ako.v1beta1.HostRule.
            return $"{string.Join('.', r.Group.Split('.').Reverse())}.{r.Version}.{r.Kind}";
        }
        var group = r.Group.Length == 0 ? "core" : r.Group.Split('.')[0];
        return $"io.k8s.api.{group}.{r.Version}.{r.Kind}";
    }

    private static string PathKey(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    // The hash changes with a CRD's schema, so kubectl's OpenAPI cache does not serve an old one.
    private static string Hash(string group, string version, string schemas) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"kubesim/{group}/{version}/1/{schemas}")))[..32];

    private string SchemaText(string group, string version) =>
        string.Concat(_catalog.All.Where(r => r.Group == group && r.Version == version && r.Custom is not null).Select(r => r.Kind + r.Custom!.Schema.Document.ToJsonString()));
}
