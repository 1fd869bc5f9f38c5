using AkoActors.KubeSim.Api;
using AkoActors.KubeSim.Resources;

namespace AkoActors.KubeSim.Http;

/// <summary>A resource URL taken apart: <c>/api/v1[/watch][/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]</c> or the same under <c>/apis/{group}/{version}</c>.</summary>
public sealed record ApiPath(ResourceType Resource, string? Namespace, string? Name, string? Subresource, bool WatchPrefix)
{
    /// <summary>Parses a resource path; null when the path is not a resource path at all, 404 when it names nothing served.</summary>
    public static ApiPath? Parse(string path, ResourceCatalog catalog)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string group;
        string version;
        int at;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            group = string.Empty;
            version = segments[1];
            at = 2;
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            group = segments[1];
            version = segments[2];
            at = 3;
        }
        else
        {
            return null;
        }
        var rest = segments[at..];
        var watch = false;
        if (rest.Length > 0 && rest[0] == "watch")
        {
            watch = true;
            rest = rest[1..];
        }
        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces" && !(rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }
        if (rest.Length is 0 or > 3)
        {
            throw ApiException.NoSuchPath();
        }
        var resource = catalog.Find(group, version, rest[0]) ?? throw ApiException.NoSuchPath();
        var name = rest.Length > 1 ? rest[1] : null;
        var sub = rest.Length > 2 ? rest[2] : null;
        if (ns is not null && !resource.Namespaced)
        {
            throw ApiException.NoSuchPath();
        }
        if (resource.Namespaced && ns is null && name is not null)
        {
            throw ApiException.NoSuchPath();
        }
        var subresourceServed = sub switch
        {
            null => true,
            "status" => resource.HasStatus,
            "scale" => resource.HasScale,
            "finalize" => resource.Storage == "namespaces",
            "log" => resource.Storage == "pods",
            _ => false,
        };
        if (!subresourceServed)
        {
            throw ApiException.NoSuchPath();
        }
        return new ApiPath(resource, ns, name, sub, watch);
    }
}
