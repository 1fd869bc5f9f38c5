namespace AkoActors.Domain.Avi;

/// <summary>The kind of the configured cloud, read from the controller at start (<c>vtype</c> and, for NSX-T, the data
/// network's transport zone type): AKO applies some settings only on some clouds.</summary>
public sealed record AviCloudType(string VType, string? TransportZoneType = null)
{
    public const string VCenter = "CLOUD_VCENTER";
    public const string NsxT = "CLOUD_NSXT";
    public const string VlanTransportZone = "VLAN";

    /// <summary>AKO's <c>IsNodeNetworkAllowedCloud</c>: pools get placement networks from <c>nodeNetworkList</c> on vCenter
    /// clouds and on NSX-T clouds with a VLAN transport zone only; on every other cloud the setting is ignored.</summary>
    public bool AllowsPoolPlacementNetworks => VType == VCenter || (VType == NsxT && TransportZoneType == VlanTransportZone);

    public override string ToString() => TransportZoneType is null ? VType : $"{VType} ({TransportZoneType} transport zone)";
}
