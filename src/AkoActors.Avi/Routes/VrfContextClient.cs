using AkoActors.Avi.Codec;
using AkoActors.Avi.Rest;
using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Routes;

namespace AkoActors.Avi.Routes;

/// <summary>Reads and writes VRF contexts over REST: one filtered GET to read, one PUT carrying <c>_last_modified</c> to write.</summary>
public sealed class VrfContextClient(AviRestClient rest) : IVrfContextClient
{
    public async Task<VrfRouteTable?> ReadAsync(string vrfName, string cloudName, AviCallContext context, CancellationToken cancellationToken)
    {
        // VRF contexts are per cloud: "global" exists once in every cloud.
        var found = await rest.ListAsync(AviObjectTypes.VrfContext, [new("name", vrfName), new("cloud_ref.name", cloudName)], context, cancellationToken)
            .ConfigureAwait(false);
        var vrf = found.FirstOrDefault(json => JsonRead.String(json, "name") == vrfName);
        return vrf is null ? null : StaticRouteCodec.ReadTable(vrf);
    }

    public async Task<VrfRouteTable> WriteRoutesAsync(
        VrfRouteTable basis, IReadOnlyList<OwnedRoute> ours, string clusterName, AviCallContext context, CancellationToken cancellationToken)
    {
        var body = StaticRouteCodec.WithRoutes(basis, ours, clusterName, context.Epoch);
        var stored = await rest.UpdateAsync(AviObjectTypes.VrfContext, basis.Uuid, body, context, cancellationToken).ConfigureAwait(false);
        return StaticRouteCodec.ReadTable(stored);
    }
}
