using System.Diagnostics.CodeAnalysis;

namespace AkoActors.AviSim.Store;

/// <summary>A reference as clients write it — <c>https://host/api/pool/pool-1#name</c>, <c>/api/pool/pool-1</c>,
/// <c>/api/pool/?name=web</c> or <c>/api/pool?name=web</c> — parsed into type plus uuid or name.</summary>
internal sealed record ObjectRef(string TypeName, string? Uuid, string? Name)
{
    /// <summary>The canonical stored form; rendered with the caller's origin on the way out.</summary>
    public static string Canonical(string typeName, string uuid) => $"/api/{typeName}/{uuid}";

    /// <summary>The uuid inside a canonical (stored) ref.</summary>
    public static string UuidOfCanonical(string canonical) => canonical[(canonical.LastIndexOf('/') + 1)..];

    public static bool TryParse(string text, [NotNullWhen(true)] out ObjectRef? parsed)
    {
        parsed = null;
        var value = text;
        var hash = value.IndexOf('#');
        if (hash >= 0)
        {
            value = value[..hash];
        }
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var schemeEnd = value.IndexOf("//", StringComparison.Ordinal) + 2;
            var pathStart = value.IndexOf('/', schemeEnd);
            if (pathStart < 0)
            {
                return false;
            }
            value = value[pathStart..];
        }
        while (value.StartsWith("//", StringComparison.Ordinal))
        {
            value = value[1..];
        }
        if (!value.StartsWith("/api/", StringComparison.Ordinal))
        {
            return false;
        }
        var rest = value["/api/".Length..];
        string? query = null;
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }
        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Length > 2)
        {
            return false;
        }
        var typeName = segments[0];
        if (segments.Length == 2)
        {
            parsed = new ObjectRef(typeName, Uri.UnescapeDataString(segments[1]), null);
            return true;
        }
        var name = query?.Split('&')
            .Select(p => p.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0] == "name")
            .Select(kv => Uri.UnescapeDataString(kv[1].Replace('+', ' ')))
            .FirstOrDefault();
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }
        parsed = new ObjectRef(typeName, null, name);
        return true;
    }

    public override string ToString() => Uuid is not null ? $"/api/{TypeName}/{Uuid}" : $"/api/{TypeName}/?name={Name}";
}
