using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Routes;

/// <summary>A VRF context's static routes as last read or written, with the stamp a write must carry (412 if someone wrote since).</summary>
/// <param name="RawJson">The whole object as the controller returned it; a write changes only our routes in it.</param>
public sealed record VrfRouteTable(string Uuid, string Name, string? LastModified, EquatableArray<VrfStaticRoute> Routes, string RawJson)
{
    public IEnumerable<VrfStaticRoute> OwnedBy(string clusterName) => Routes.Where(r => r.IsOwnedBy(clusterName));

    /// <summary>The newest owner epoch on our routes: the incarnation that wrote them last.</summary>
    public long? NewestEpoch(string clusterName) => OwnedBy(clusterName).Select(r => r.Epoch).Max();
}
