using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Diff;

namespace AkoActors.Avi.Gateway;

/// <summary>What a tree-owning actor needs of the controller: read the objects it names, and carry out one planned operation.</summary>
/// <remarks>Narrow on purpose: actor tests script every reply, failure and timeout through a probe-backed fake of it.</remarks>
public interface IAviGateway
{
    /// <summary>The current state of the named objects; objects the controller does not have are simply absent.</summary>
    Task<IReadOnlyList<AviObjectState>> ReadAsync(IReadOnlyCollection<AviRef> refs, AviCallContext context, CancellationToken cancellationToken);

    /// <summary>Performs one create/update/delete and returns the object's new state (null after a delete).</summary>
    /// <exception cref="Errors.AviApiException">with the classified error when the controller refuses or cannot be reached.</exception>
    Task<AviObjectState?> ApplyAsync(AviOperation operation, AviCallContext context, CancellationToken cancellationToken);
}
