using AkoActors.Domain.Avi;

namespace AkoActors.Avi.Codec;

/// <summary>Reading and writing object references: written by name (the controller resolves them), read back with <c>#name</c>.</summary>
public static class AviRefs
{
    /// <summary>A by-name reference, <c>/api/&lt;type&gt;/?name=&lt;name&gt;</c>, that the controller resolves in the request tenant, then admin.</summary>
    public static string ByName(string type, string name) => $"/api/{type}/?name={Uri.EscapeDataString(name)}";

    /// <summary>A network named by the settings: <c>/api/network/&lt;uuid&gt;</c> when they give its uuid (as AKO writes it),
    /// else by name.</summary>
    public static string Network(AviNetworkRef network) =>
        network.Uuid is { } uuid ? $"/api/{AviObjectTypes.Network}/{Uri.EscapeDataString(uuid)}" : ByName(AviObjectTypes.Network, network.Name);

    /// <summary>A network reference as read back (<c>…/api/network/&lt;uuid&gt;#name</c>): both its name and its uuid.</summary>
    public static AviNetworkRef NetworkOf(string? reference) => new(NameOf(reference) ?? string.Empty, UuidOf(reference));

    /// <summary>The name of a reference read with <c>include_name</c> (<c>https://host/api/pool/pool-…#my-pool</c>); null without one.</summary>
    public static string? NameOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0) return reference[(hash + 1)..];
        // A by-name reference echoed back unresolved.
        var query = reference.IndexOf("?name=", StringComparison.Ordinal);
        return query >= 0 ? Uri.UnescapeDataString(reference[(query + 6)..]) : null;
    }

    /// <summary>The uuid at the end of a reference URL (<c>…/api/virtualservice/virtualservice-…</c>), without any <c>#name</c>.</summary>
    public static string? UuidOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var end = reference.IndexOf('#', StringComparison.Ordinal);
        var path = end >= 0 ? reference[..end] : reference;
        var slash = path.LastIndexOf('/');
        return slash >= 0 && slash < path.Length - 1 ? path[(slash + 1)..] : null;
    }
}
