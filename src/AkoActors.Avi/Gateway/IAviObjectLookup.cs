using AkoActors.Avi.Transport;

namespace AkoActors.Avi.Gateway;

/// <summary>Looks an Avi object up by type and name (as the controller resolves a by-name ref: the request tenant, then
/// admin's shared objects): how a custom resource's references are checked before it is Accepted.</summary>
public interface IAviObjectLookup
{
    /// <summary>The object's <c>type</c> field (empty when it has none), or null when the controller has no such object.</summary>
    Task<string?> FindKindAsync(string type, string name, AviCallContext context, CancellationToken cancellationToken);

    /// <summary>As <see cref="FindKindAsync"/>, for an object named by uuid (<c>/api/&lt;type&gt;/&lt;uuid&gt;</c>).</summary>
    Task<string?> FindKindByUuidAsync(string type, string uuid, AviCallContext context, CancellationToken cancellationToken);

    /// <summary>Gives the SE group AKO's <c>clustername</c> label for static routes when it has no labels (one PUT, as AKO does
    /// for an AviInfraSetting's SE group); null when it carries this cluster's label, else its other labels as <c>[key=value]</c>.</summary>
    Task<string?> LabelSeGroupAsync(string seGroup, string clusterName, AviCallContext context, CancellationToken cancellationToken);
}
