namespace AkoActors.Domain.Settings;

/// <summary>A network whose IPAM hands out VIPs (one entry of NetworkSettings.vipNetworkList).</summary>
public sealed record VipNetwork(string NetworkName, string? Cidr, string? V6Cidr = null);
