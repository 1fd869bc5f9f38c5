namespace AkoActors.Domain.Avi;

/// <summary>The kind of the configured cloud, read from the controller at start (<c>vtype</c> and, for NSX-T, the data
/// network's transport zone type): AKO applies some settings only on some clouds.</summary>
public sealed record AviCloudType(string VType, string? TransportZoneType = null)
{
    public const string VCenter = "CLOUD_VCENTER";
    public const string NsxT = "CLOUD_NSXT";
    public const string VlanTransportZone = "VLAN";
    public const string Aws = "CLOUD_AWS";
    public const string Azure = "CLOUD_AZURE";
    public const string Gcp = "CLOUD_GCP";
    public const string OpenStack = "CLOUD_OPENSTACK";

    /// <summary>AKO's <c>IsNodeNetworkAllowedCloud</c>: pools get placement networks from <c>nodeNetworkList</c> on vCenter
    /// clouds and on NSX-T clouds with a VLAN transport zone only; on every other cloud the setting is ignored.</summary>
    public bool AllowsPoolPlacementNetworks => VType == VCenter || (VType == NsxT && TransportZoneType == VlanTransportZone);

    /// <summary>AKO's <c>IsPublicCloud</c>: only on these clouds does an AviInfraSetting's <c>enablePublicIP</c> ask the
    /// controller for a floating (public) IP beside each VIP; elsewhere AKO leaves the flag out.</summary>
    public bool IsPublic => VType is Aws or Azure or Gcp or OpenStack;

    /// <summary>AKO's public clouds but GCP (AWS, Azure, OpenStack): a vsvip has one <c>vip</c> entry per VIP network, each
    /// naming its subnet by <c>subnet_uuid</c> (<see cref="AkoActors.Domain.Translation.PublicCloudVips"/>).</summary>
    public bool NamesVipSubnets => VType is Aws or Azure or OpenStack;

    /// <summary>No-access cloud (<c>vtype</c> CLOUD_NONE).</summary>
    public const string None = "CLOUD_NONE";

    /// <summary>AKO's <c>IsV6EnabledCloud</c>: a VIP network's <c>v6cidr</c> (IPv6 VIPs) is allowed on vCenter, NSX-T and
    /// no-access clouds only; AKO refuses one in vipNetworkList on any other cloud (lib.IsValidV6Config).</summary>
    public bool AllowsIpv6Vips => VType is VCenter or NsxT or None;

    public override string ToString() => TransportZoneType is null ? VType : $"{VType} ({TransportZoneType} transport zone)";
}
