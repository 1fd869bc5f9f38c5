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
        var (asksV4, asksV6) = Asks(service);
        if (!asksV6 || network.V6Cidr is not null) return Offered(asksV4, asksV6, network);
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

    /// <summary>The families of a shared-VIP group's one VIP: every family some member asks for (a member asking for none
    /// counts as IPv4), as far as the group's network offers them; every member shows every address of the VIP.</summary>
    /// <param name="group">"the shared VIP 'key' of namespace ns", for the messages.</param>
    public static VipIpType ChooseForGroup(
        string group, IReadOnlyList<ServiceSnapshot> members, VipNetwork network, List<UserProblem> refusals, List<UserProblem> warnings)
    {
        var asks = members.Select(Asks).ToList();
        var (asksV4, asksV6) = (asks.Any(a => a.V4), asks.Any(a => a.V6));
        if (!asksV6 || network.V6Cidr is not null) return Offered(asksV4, asksV6, network);
        var askers = string.Join(", ", members.Where(m => Asks(m).V6).Select(m => m.Key.ToString()));
        var fix = $"Add a v6cidr to the VIP network {Describe(network)} (NetworkSettings.vipNetworkList, or network.vipNetworks of the AviInfraSetting " +
                  "the group is placed with)";
        if (!asksV4)
        {
            refusals.Add(new UserProblem(Reason,
                $"Every member of {group} asks for IPv6 only (spec.ipFamilies [IPv6]), but its VIP network has no v6cidr, so the group gets no VIP. {fix}"));
            return VipIpType.V6Only;
        }
        warnings.Add(new UserProblem(Reason,
            $"Service(s) {askers} of {group} ask for IPv6, but its VIP network has no v6cidr: the group gets an IPv4 VIP only. {fix} to give it an IPv6 VIP too"));
        return VipIpType.V4Only;
    }

    private static (bool V4, bool V6) Asks(ServiceSnapshot service) =>
        (service.IpFamilies.IsEmpty || service.IpFamilies.Contains("IPv4"), service.IpFamilies.Contains("IPv6"));

    private static VipIpType Offered(bool asksV4, bool asksV6, VipNetwork network) =>
        !asksV6 ? VipIpType.V4Only : network.V6Cidr is null ? VipIpType.V4Only : asksV4 ? VipIpType.V4V6 : VipIpType.V6Only;

    /// <summary>What a shared-VIP group's member shows of the group's VIP: the addresses of the families it asks for (the group's
    /// VIP has every family any member asks), as a single Service never shows an address of a family it did not ask for; all
    /// of them when none is of its families (a floating IP, a move serving from one family), so a served member never shows
    /// no address.</summary>
    public static IReadOnlyList<LoadBalancerIngressStatus> ShownTo(ServiceSnapshot member, IReadOnlyList<LoadBalancerIngressStatus> shown)
    {
        var asksV6 = member.IpFamilies.Contains("IPv6");
        var asksV4 = member.IpFamilies.IsEmpty || member.IpFamilies.Contains("IPv4");
        var own = shown.Where(s => s.Ip?.Contains(':', StringComparison.Ordinal) == true ? asksV6 : asksV4).ToList();
        return own.Count > 0 ? own : shown;
    }

    /// <summary>A CIDR of the settings as the controller reads it back (the prefix's network address: an AviInfraSetting's
    /// <c>2002::1/64</c> is 2002::/64); null when absent or not a prefix.</summary>
    public static string? Normalized(string? cidr) =>
        cidr is not null && IpCidr.TryParseContaining(cidr, out var parsed, out _) ? parsed.ToString() : cidr;

    private static string Describe(VipNetwork network) => network.NetworkName.Length > 0 || network.NetworkUuid is not null ? network.ToString() : "(none configured)";
}
