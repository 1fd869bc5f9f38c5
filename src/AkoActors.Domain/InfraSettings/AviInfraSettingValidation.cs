using AkoActors.Domain.CustomResources;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.InfraSettings;

/// <summary>The checks before an AviInfraSetting is Accepted, as AKO's validator makes them: BGP peer labels only with RHI,
/// VIP network CIDRs that parse, a listener with SSL when listeners are given, and the SE group and every VIP and node
/// network found on the controller (by uuid when <c>networkUUID</c> is given, as AKO prefers it).</summary>
public static class AviInfraSettingValidation
{
    public static string? ClusterProblem(AviInfraSettingSnapshot setting)
    {
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
