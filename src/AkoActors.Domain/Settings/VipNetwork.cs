namespace AkoActors.Domain.Settings;

/// <summary>A network whose IPAM hands out VIPs (one entry of NetworkSettings.vipNetworkList), named by
/// <c>networkName</c> or, as AKO also accepts, by <c>networkUUID</c> (then referred to by uuid).</summary>
public sealed record VipNetwork(string NetworkName, string? Cidr, string? V6Cidr = null, string? NetworkUuid = null)
{
    /// <summary>The network as referred to on the controller: by uuid when one is given.</summary>
    public Avi.AviNetworkRef Network => new(NetworkName, NetworkUuid);

    /// <summary>How a user recognises it in a message.</summary>
    public override string ToString() => Network.ToString();
}
