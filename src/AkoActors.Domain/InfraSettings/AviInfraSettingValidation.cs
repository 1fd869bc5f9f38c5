using AkoActors.Domain.Avi;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.InfraSettings;

/// <summary>The checks before an AviInfraSetting is Accepted, as AKO's validator makes them: BGP peer labels only with RHI,
/// VIP network CIDRs that parse, a listener with SSL when listeners are given, and the SE group and every VIP and node
/// network found on the controller (by uuid when <c>networkUUID</c> is given, as AKO prefers it); and, beyond AKO, an SE
/// group named, not empty, and a tier-1 router only on an NSX-T cloud.</summary>
public static class AviInfraSettingValidation
{
    public static string? ClusterProblem(AviInfraSettingSnapshot setting)
    {
        if (setting.SeGroup is { } seGroup && seGroup.Trim().Length == 0)
        {
            return "spec.seGroup.name is empty; name the Service Engine Group to place on, or remove spec.seGroup to keep the controller's own";
        }
        if (setting.BgpPeerLabels.Count > 0 && setting.EnableRhi != true)
        {
            return "BGPPeerLabels cannot be set if EnableRhi is false; set spec.network.enableRhi: true or remove spec.network.bgpPeerLabels";
        }
        foreach (var network in setting.VipNetworks)
        {
            if (network.NetworkName.Length == 0 && network.NetworkUuid is null)
            {
                return "a spec.network.vipNetworks entry names no network; give it networkName or networkUUID";
            }
            if (network.Cidr is { } cidr && (!IpCidr.TryParseContaining(cidr, out var v4, out _) || v4.IsIPv6))
            {
                return $"invalid CIDR configuration {cidr} detected for networkName {network} in vipNetworkList; write it as address/prefix, e.g. 10.10.10.0/24";
            }
            if (network.V6Cidr is { } v6cidr && (!IpCidr.TryParseContaining(v6cidr, out var v6, out _) || !v6.IsIPv6))
            {
                return $"invalid IPv6 CIDR configuration {v6cidr} detected for networkName {network} in vipNetworkList; write it as address/prefix, e.g. 2002::/64";
            }
        }
        foreach (var network in setting.NodeNetworks)
        {
            if (network.NetworkName.Length == 0 && network.NetworkUuid is null)
            {
                return "a spec.network.nodeNetworks entry names no network; give it networkName or networkUUID";
            }
            var badCidr = network.Cidrs.FirstOrDefault(c => !IpCidr.TryParseContaining(c, out _, out _));
            if (badCidr is not null)
            {
                return $"invalid CIDR {badCidr} in spec.network.nodeNetworks for network {network.Network}; write it as address/prefix";
            }
        }
        if (setting.Listeners.Count > 0 && !setting.Listeners.Any(l => l.EnableSsl))
        {
            return "One of the port in aviInfraSetting must have SSL enabled; set enableSSL: true on one of spec.network.listeners";
        }
        return null;
    }

    /// <summary>A tier-1 router exists on NSX-T clouds only: on another cloud the controller would refuse every vsvip and pool
    /// naming it, so the setting is Rejected before anything is placed with it (AKO accepts it and the writes fail).</summary>
    /// <remarks>A <c>v6cidr</c> on a cloud that takes no IPv6 VIPs (AWS, Azure, GCP, OpenStack: AKO's IsV6EnabledCloud is false)
    /// is Rejected too: AKO refuses the same field in vipNetworkList at start, and on the setting would drop it unsaid (its
    /// public-cloud vsvip entries name subnets, never an IPv6 one), so a Service asking IPv6 there gets nothing and no one
    /// hears why.</remarks>
    public static string? CloudProblem(AviInfraSettingSnapshot setting, AviCloudType? cloud)
    {
        if (setting.T1Lr is { } t1lr && cloud?.VType != AviCloudType.NsxT)
        {
            return $"spec.nsxSettings.t1lr {t1lr} names an NSX-T tier-1 router, and the cloud is {cloud?.ToString() ?? "of unknown type"}; " +
                   "tier-1 routers exist on NSX-T clouds only: remove spec.nsxSettings";
        }
        if (cloud is not null && !cloud.AllowsIpv6Vips && setting.VipNetworks.FirstOrDefault(n => n.V6Cidr is not null) is { } v6)
        {
            return $"AviInfraSetting {setting.Key.Name} gives VIP network {v6} a v6cidr ({v6.V6Cidr}), and the cloud is {cloud}; IPv6 VIPs are " +
                   "supported on vCenter, NSX-T and no-access clouds only (as in AKO): remove v6cidr from spec.network.vipNetworks";
        }
        return null;
    }

    public static IReadOnlyList<AviReferenceCheck> AviReferences(AviInfraSettingSnapshot setting)
    {
        var checks = new List<AviReferenceCheck>();
        if (setting.SeGroup is { } seGroup) checks.Add(new("serviceenginegroup", seGroup, "spec.seGroup.name"));
        checks.AddRange(setting.VipNetworks.Select(n => Network(n.NetworkName, n.NetworkUuid, "spec.network.vipNetworks")));
        checks.AddRange(setting.NodeNetworks.Select(n => Network(n.NetworkName, n.NetworkUuid, "spec.network.nodeNetworks")));
        return checks.Distinct().ToList();
    }

    private static AviReferenceCheck Network(string name, string? uuid, string field) =>
        uuid is not null ? new("network", uuid, field, ByUuid: true) : new("network", name, field);
}
