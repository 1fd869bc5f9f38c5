using AkoActors.Avi.Codec;
using AkoActors.Avi.Environment;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;

namespace AkoActors.Avi.Gateway;

/// <summary>By-name lookups with a filtered list (<c>?name=</c>), one GET per object named.</summary>
public sealed class AviObjectLookup(AviRestClient rest) : IAviObjectLookup
{
    public async Task<string?> FindKindAsync(string type, string name, AviCallContext context, CancellationToken cancellationToken)
    {
        var found = await rest.ListAsync(type, [KeyValuePair.Create("name", name)], context, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : JsonRead.String(found[0], "type") ?? string.Empty;
    }

    public async Task<string?> FindKindByUuidAsync(string type, string uuid, AviCallContext context, CancellationToken cancellationToken)
    {
        var found = await rest.GetAsync(type, uuid, context, cancellationToken).ConfigureAwait(false);
        return found is null ? null : JsonRead.String(found, "type") ?? string.Empty;
    }

    public async Task<string?> LabelSeGroupAsync(string seGroup, string clusterName, AviCallContext context, CancellationToken cancellationToken)
    {
        var found = await rest.ListAsync("serviceenginegroup", [KeyValuePair.Create("name", seGroup)], context, cancellationToken).ConfigureAwait(false);
        // Found moments ago by the reference check; gone since, the next check of the setting says so.
        return found.Count == 0 ? null : await SeGroupClusterLabel.EnsureAsync(rest, found[0], clusterName, context, cancellationToken).ConfigureAwait(false);
    }
}
