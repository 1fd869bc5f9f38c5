using System.Text.Json.Nodes;
using AkoActors.KubeSim.Resources;

namespace AkoActors.KubeSim.Http;

/// <summary>The legacy discovery documents (<c>/version</c>, <c>/api</c>, <c>/apis</c>, group and group-version resource lists) that kubectl's REST mapper is built from.</summary>
public sealed class DiscoveryDocuments
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];
    private readonly ResourceCatalog _catalog;

    /// <summary>Creates the documents for a catalog.</summary>
    public DiscoveryDocuments(ResourceCatalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary>The Kubernetes version KubeSim reports (within kubectl 1.32's supported skew).</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-kubesim",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.4",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary><c>/api</c>: the core group's versions.</summary>
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary><c>/apis</c>: every named group.</summary>
    public JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(_catalog.GroupVersions.Where(gv => gv.Group.Length > 0).Select(gv => gv.Group).Distinct().Select(g => (JsonNode)GroupBody(g)!).ToArray()),
    };

    /// <summary><c>/apis/{group}</c>, or null when the group is not served.</summary>
    public JsonObject? Group(string group)
    {
        var body = GroupBody(group);
        if (body is null)
        {
            return null;
        }
        body["kind"] = "APIGroup";
        body["apiVersion"] = "v1";
        return body;
    }

    /// <summary><c>/api/v1</c> or <c>/apis/{group}/{version}</c>, or null when not served.</summary>
    public JsonObject? Resources(string group, string version)
    {
        var resources = _catalog.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var r in resources)
        {
            var entry = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray((r.ReviewOnly ? ["create"] : AllVerbs).Select(v => (JsonNode)v).ToArray()),
            };
            if (r.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray(r.ShortNames.Select(s => (JsonNode)s).ToArray());
            }
            if (r.Categories.Count > 0)
            {
                entry["categories"] = new JsonArray(r.Categories.Select(s => (JsonNode)s).ToArray());
            }
            list.Add(entry);
            if (r.HasStatus)
            {
                list.Add(Subresource(r, "status", r.Kind, null, null, SubresourceVerbs));
            }
            if (r.HasScale)
            {
                list.Add(Subresource(r, "scale", "Scale", "autoscaling", "v1", SubresourceVerbs));
            }
            if (r.Storage == "pods")
            {
                list.Add(Subresource(r, "log", "Pod", null, null, ["get"]));
            }
            if (r.Storage == "namespaces")
            {
                list.Add(Subresource(r, "finalize", r.Kind, null, null, ["update"]));
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    private static JsonObject Subresource(ResourceType r, string name, string kind, string? group, string? version, string[] verbs)
    {
        var entry = new JsonObject
        {
            ["name"] = $"{r.Plural}/{name}",
            ["singularName"] = string.Empty,
            ["namespaced"] = r.Namespaced,
        };
        if (group is not null)
        {
            entry["group"] = group;
            entry["version"] = version;
        }
        entry["kind"] = kind;
        entry["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray());
        return entry;
    }

    private JsonObject? GroupBody(string group)
    {
        var versions = _catalog.GroupVersions.Where(gv => gv.Group == group).Select(gv => gv.Version).ToList();
        if (versions.Count == 0)
        {
            return null;
        }
        JsonObject Entry(string v) => new() { ["groupVersion"] = $"{group}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)Entry(v)).ToArray()),
            ["preferredVersion"] = Entry(versions[0]),
        };
    }
}
