using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Settings;

/// <summary>A network on which Service Engines reach the nodes (one entry of NetworkSettings.nodeNetworkList), named by
/// <c>networkName</c> or, preferred by AKO when both are given, by <c>networkUUID</c>.</summary>
/// <param name="Cidrs">The node subnets on it, each at its network address; each becomes a pool placement network.</param>
public sealed record NodeNetwork(string NetworkName, EquatableArray<string> Cidrs, string? NetworkUuid = null)
{
    /// <summary>The network as referred to on the controller: by uuid when one is given.</summary>
    public Avi.AviNetworkRef Network => new(NetworkName, NetworkUuid);
}
