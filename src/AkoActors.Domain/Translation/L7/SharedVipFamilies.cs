using AkoActors.Domain.Avi;
using AkoActors.Domain.Settings;
using AkoActors.Domain.Translation.L4;

namespace AkoActors.Domain.Translation.L7;

/// <summary>The families of a shared L7 VS's vsvip, AKO's rule for every vsvip it writes on an IPAM network (lib.UpdateV6):
/// a VIP network with a <c>v6cidr</c> gives <c>subnet6</c> and <c>auto_allocate_ip_type</c> V4_V6 when it also has a
/// <c>cidr</c>, V6_ONLY when not; without one the vsvip is IPv4 only. AKO keys this off the network alone (its
/// <c>ipFamily</c> setting picks the pool servers' family, not the VIP's), and on AWS, Azure and OpenStack (one
/// <c>subnet_uuid</c> entry per network) writes no IPv6 part.</summary>
public static class SharedVipFamilies
{
    public static VsVipSpec On(VsVipSpec vip, VipNetwork network)
    {
        var type = !vip.SubnetVips.IsEmpty || network.V6Cidr is null ? VipIpType.V4Only
            : network.Cidr is null ? VipIpType.V6Only
            : VipIpType.V4V6;
        return vip with
        {
            IpType = type,
            SubnetCidr = type == VipIpType.V6Only ? null : network.Cidr,
            Subnet6Cidr = type == VipIpType.V4Only ? null : VipFamilyChoice.Normalized(network.V6Cidr),
        };
    }
}
