using AkoActors.Avi.Transport;
using AkoActors.Domain.Avi;

namespace AkoActors.Avi.Gateway;

/// <summary>Paged reads of everything of one type this cluster owns on the controller: the sweeps' view.</summary>
public interface IAviInventory
{
    Task<IReadOnlyList<AviObjectState>> ReadOwnedAsync(string type, AviCallContext context, CancellationToken cancellationToken);
}
