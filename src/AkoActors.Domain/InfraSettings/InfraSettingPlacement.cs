using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Translation;

namespace AkoActors.Domain.InfraSettings;

/// <summary>Places a translated tree with an Accepted AviInfraSetting, as AKO's buildWithInfraSetting does: its SE group on
/// the virtual services, its first VIP network on the vsvip (on AWS, Azure and OpenStack every VIP network, one entry each), its node networks as the
/// pools' placement networks where the cloud takes them, its listeners as the ports of the shared L7 VSes, its NSX-T tier-1
/// router on the vsvip and the pools (with no VRF anywhere: the controller takes the router's) and, on a public cloud, a
/// floating IP beside the VIP when it enables public IPs; what the setting leaves out keeps the controller's own settings.</summary>
public static class InfraSettingPlacement
{
    public const string PublicIpNotAppliedReason = "PublicIpNotApplied";

    public static TreeTranslation Apply(TreeTranslation translation, AviInfraSettingSnapshot? setting, TranslationContext context)
    {
        if (setting is null || translation.Outcome != TranslationOutcome.Desired) return translation;
        var vipNetwork = setting.VipNetworks.FirstOrDefault();
        var placementNetworks = setting.NodeNetworks.Count > 0 && context.CloudType?.AllowsPoolPlacementNetworks == true
            ? PoolPlacementNetwork.From(setting.NodeNetworks)
            : (EquatableArray<PoolPlacementNetwork>?)null;
        var floatingIp = setting.EnablePublicIp == true && context.CloudType?.IsPublic == true;
        // AKO: on the setting's tier-1 router no VRF is written (the controller takes the router's).
        var t1 = setting.T1Lr;
        // A shared L7 VS's vsvip (the VH parent's) takes its families from the setting's network, as AKO does for every vsvip;
        // an L4 one keeps those its Service asked for on it.
        var sharedVips = translation.Desired.OfType<VirtualServiceSpec>().Where(vs => vs.VsType == VirtualServiceSpec.VhParent)
            .Select(vs => vs.Name).ToHashSet(StringComparer.Ordinal);
        var placed = translation with
        {
            Desired = translation.Desired.Select(spec => spec switch
            {
                VirtualServiceSpec vs => vs with
                {
                    Placement = (setting.SeGroup is { } seGroup ? vs.Placement with { ServiceEngineGroupName = seGroup } : vs.Placement) with
                    {
                        VrfName = t1 is null ? vs.Placement.VrfName : string.Empty,
                    },
                    EnableRhi = setting.EnableRhi == true ? true : vs.EnableRhi,
                    Services = vs.VsType == VirtualServiceSpec.VhParent ? WithListeners(vs.Services, setting.Listeners) : vs.Services,
                },
                VsVipSpec vip => vip with
                {
                    NetworkName = vipNetwork?.NetworkName ?? vip.NetworkName,
                    // The families were chosen on this network (the translator is given it): IPv4 subnet unless IPv6 only,
                    // the v6cidr as subnet6 when IPv6 is asked for.
                    SubnetCidr = vipNetwork is null ? vip.SubnetCidr : vip.IpType == VipIpType.V6Only ? null : vipNetwork.Cidr,
                    Subnet6Cidr = vipNetwork is null || vip.IpType == VipIpType.V4Only ? vip.Subnet6Cidr : Translation.L4.VipFamilyChoice.Normalized(vipNetwork.V6Cidr),
                    NetworkUuid = vipNetwork is null ? vip.NetworkUuid : vipNetwork.NetworkUuid,
                    // AKO on AWS, Azure and OpenStack: one entry per VIP network of the setting, by subnet_uuid.
                    SubnetVips = vipNetwork is null ? vip.SubnetVips : PublicCloudVips.SubnetsOf(setting.VipNetworks, context.CloudType),
                    // AKO: peer labels only with RHI on (a setting with labels and without RHI is Rejected).
                    BgpPeerLabels = setting.EnableRhi == true ? setting.BgpPeerLabels : vip.BgpPeerLabels,
                    AutoAllocateFloatingIp = floatingIp || vip.AutoAllocateFloatingIp,
                    Tier1Lr = t1 ?? vip.Tier1Lr,
                    VrfName = t1 is null ? vip.VrfName : string.Empty,
                },
                PoolSpec pool => pool with
                {
                    PlacementNetworks = placementNetworks ?? pool.PlacementNetworks,
                    Tier1Lr = t1 ?? pool.Tier1Lr,
                    VrfName = t1 is null ? pool.VrfName : string.Empty,
                },
                _ => spec,
            }).Select(spec => spec is VsVipSpec vip && vipNetwork is not null && sharedVips.Contains(vip.Name) ? Translation.L7.SharedVipFamilies.On(vip, vipNetwork) : spec)
            .ToEquatableArray(),
        };
        return setting.EnablePublicIp == true && !floatingIp
            ? placed with { Problems = placed.Problems.Append(PublicIpIgnored(setting, context)).ToEquatableArray() }
            : placed;
    }

    /// <summary>AKO's buildListenerPortsWithInfraSetting, on the shared L7 (SNI parent) VSes only: each listener replaces the
    /// port of the same number (its SSL and HTTP/2 as the listener says, off when not said) or is added after the others; a
    /// listener without a port is skipped.</summary>
    public static EquatableArray<VsServicePort> WithListeners(EquatableArray<VsServicePort> services, EquatableArray<InfraListener> listeners)
    {
        var ports = services.ToList();
        foreach (var listener in listeners.Where(l => l.Port > 0))
        {
            var port = new VsServicePort(listener.Port, listener.EnableSsl, EnableHttp2: listener.EnableHttp2);
            var index = ports.FindIndex(p => p.Port == listener.Port);
            if (index >= 0) ports[index] = port;
            else ports.Add(port);
        }
        return ports.ToEquatableArray();
    }

    /// <summary>AKO asks for a floating IP on public clouds only (AWS, Azure, GCP, OpenStack) and drops the flag silently
    /// elsewhere; here the user hears it.</summary>
    private static UserProblem PublicIpIgnored(AviInfraSettingSnapshot setting, TranslationContext context) =>
        new(PublicIpNotAppliedReason,
            $"AviInfraSetting {setting.Key.Name} sets spec.network.enablePublicIP, but cloud {context.Settings.CloudName} is " +
            $"{context.CloudType?.ToString() ?? "of an unknown type"}: floating IPs exist on public clouds only (AWS, Azure, GCP, OpenStack), so the VIP " +
            "gets none. Remove enablePublicIP from the setting, or use it on a public cloud");
}
