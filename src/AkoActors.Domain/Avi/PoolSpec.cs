using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Avi;

/// <summary>A pool: the servers behind one Service port (or one Ingress host/path) and how they are health-checked.</summary>
/// <param name="Servers">Sorted by IP then port, so equal sets compare equal whatever order endpoints arrived in.</param>
public sealed record PoolSpec(
    string Name,
    EquatableArray<PoolServer> Servers,
    EquatableArray<string> HealthMonitors,
    string CloudName,
    string VrfName,
    AviObjectMeta Meta) : AviObjectSpec(Name)
{
    public override string Type => AviObjectTypes.Pool;

    /// <summary>HTTPRule-managed fields; null where this controller leaves them as they are (L4 pools).</summary>
    public PoolRuleSettings? Rules { get; init; }

    /// <summary>Where Service Engines reach the servers (AKO's <c>placement_networks</c> from nodeNetworkList); empty on
    /// clouds where AKO sets none, and then none may be on the pool either.</summary>
    public EquatableArray<PoolPlacementNetwork> PlacementNetworks { get; init; } = EquatableArray<PoolPlacementNetwork>.Empty;

    /// <summary>The NSX-T tier-1 router the servers are reached through (<c>tier1_lr</c>, an AviInfraSetting's
    /// <c>nsxSettings.t1lr</c>); with it <see cref="VrfName"/> is empty: the controller takes the router's VRF.</summary>
    public string? Tier1Lr { get; init; }

    public override IEnumerable<AviRef> References =>
        Rules?.PkiProfile is { } pki ? [new AviRef(AviObjectTypes.PkiProfile, pki)] : [];

    /// <summary>What is read back always carries <see cref="Rules"/>; it counts only where this spec manages it. Placement
    /// networks count in any order and by the network's uuid or name, whichever the setting gives. An empty
    /// <see cref="VrfName"/> (a tier-1 router's pool) is the controller's to fill.</summary>
    public override bool IsSatisfiedBy(AviObjectSpec actual) =>
        actual is PoolSpec pool &&
        Equals((Rules is null ? pool with { Rules = null } : pool) with
        {
            PlacementNetworks = PlacementNetworks, VrfName = VrfName.Length == 0 ? string.Empty : pool.VrfName,
        }) &&
        PoolPlacementNetwork.SetSatisfiedBy(PlacementNetworks, pool.PlacementNetworks);
}
