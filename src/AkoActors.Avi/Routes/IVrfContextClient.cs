using AkoActors.Avi.Transport;
using AkoActors.Domain.Routes;

namespace AkoActors.Avi.Routes;

/// <summary>What the VRF's route owner needs of the controller: read the VRF context, write our routes into it.</summary>
/// <remarks>Narrow on purpose: actor tests script reads, 412s and concurrent foreign writers through a fake of it.</remarks>
public interface IVrfContextClient
{
    /// <summary>The VRF context of that name in that cloud; null when the controller has none.</summary>
    Task<VrfRouteTable?> ReadAsync(string vrfName, string cloudName, AviCallContext context, CancellationToken cancellationToken);

    /// <summary>Replaces our routes in <paramref name="basis"/> with <paramref name="ours"/> and PUTs it with the basis's
    /// <c>_last_modified</c>; returns the VRF as stored.</summary>
    /// <exception cref="Errors.AviApiException">Kind Stale (412) when someone wrote the VRF since <paramref name="basis"/> was read:
    /// re-read and merge again, never retry the same body.</exception>
    Task<VrfRouteTable> WriteRoutesAsync(
        VrfRouteTable basis, IReadOnlyList<OwnedRoute> ours, string clusterName, AviCallContext context, CancellationToken cancellationToken);
}
