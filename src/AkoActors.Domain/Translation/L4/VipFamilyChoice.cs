using AkoActors.Domain.Avi;
using AkoActors.Domain.Kubernetes;
using AkoActors.Domain.Networking;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Translation.L4;

/// <summary>Which families a Service's VIP is allocated in: what its <c>spec.ipFamilies</c> asks (none given reads as IPv4,
/// as kube-apiserver defaults it), as far as its VIP network offers the family. IPv6 needs the network's <c>v6cidr</c>
/// (values.yaml <c>vipNetworkList</c> or the AviInfraSetting's <c>network.vipNetworks</c>), as AKO allocates IPv6 VIPs only
/// with it. Unlike AKO, which asks both families for every VIP of a network with <c>cidr</c> and <c>v6cidr</c>, a Service
/// gets only the families it asks for, so an IPv4 Service's status never shows an IPv6 address it cannot use.</summary>
public static class VipFamilyChoice
{
    public const string Reason = "IPv6Unsupported";

    public static VipIpType Choose(ServiceSnapshot service, VipNetwork network, List<UserProblem> refusals, List<UserProblem> warnings)
    {
        var asksV6 = service.IpFamilies.Contains("IPv6");
        var asksV4 = service.IpFamilies.IsEmpty || service.IpFamilies.Contains("IPv4");
        if (!asksV6) return VipIpType.V4Only;
        if (network.V6Cidr is not null) return asksV4 ? VipIpType.V4V6 : VipIpType.V6Only;
        var fix = $"Add a v6cidr to the VIP network {Describe(network)} (NetworkSettings.vipNetworkList, or network.vipNetworks of the " +
                  "Service's AviInfraSetting)";
        if (!asksV4)
        {
            refusals.Add(new UserProblem(Reason,
                $"Service {service.Key} asks for IPv6 only (spec.ipFamilies [IPv6]), but its VIP network has no v6cidr, so it gets no VIP. {fix}. " +
                "Set spec.ipFamilies to [IPv4] for an IPv4 VIP instead"));
            return VipIpType.V6Only;
        }
        warnings.Add(new UserProblem(Reason,
            $"Service {service.Key} is dual-stack, but its VIP network has no v6cidr: it gets an IPv4 VIP only. {fix} to give it an IPv6 VIP too"));
        return VipIpType.V4Only;
    }

    /// <summary>A CIDR of the settings as the controller reads it back (the prefix's network address: an AviInfraSetting's
    /// <c>2002::1/64</c> is 2002::/64); null when absent or not a prefix.</summary>
    public static string? Normalized(string? cidr) =>
        cidr is not null && IpCidr.TryParseContaining(cidr, out var parsed, out _) ? parsed.ToString() : cidr;

    private static string Describe(VipNetwork network) => network.NetworkName.Length > 0 || network.NetworkUuid is not null ? network.ToString() : "(none configured)";
}
