using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Translation;

/// <summary>AKO's VIPs on AWS, Azure and OpenStack (its IsPublicCloud, GCP excepted): a vsvip gets one <c>vip</c> entry per VIP
/// network, each naming its subnet by <c>subnet_uuid</c>, instead of one entry from the first network's IPAM — so every
/// network of vipNetworkList or of an AviInfraSetting's <c>vipNetworks</c> gets an address.</summary>
public static class PublicCloudVips
{
    /// <summary>The subnets a vsvip's entries name, in the networks' order (by name, as AKO writes them, or by uuid for a
    /// network given only by <c>networkUUID</c>); empty on any other cloud, or when no network is configured.</summary>
    public static EquatableArray<string> SubnetsOf(IEnumerable<VipNetwork> networks, AviCloudType? cloud) =>
        cloud?.NamesVipSubnets == true
            ? networks.Select(n => n.NetworkName.Length > 0 ? n.NetworkName : n.NetworkUuid).OfType<string>().Where(s => s.Length > 0).ToEquatableArray()
            : EquatableArray<string>.Empty;
}
