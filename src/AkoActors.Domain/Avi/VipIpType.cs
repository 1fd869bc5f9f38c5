namespace AkoActors.Domain.Avi;

/// <summary>The address families the controller allocates a VIP in (a vsvip <c>vip</c> entry's <c>auto_allocate_ip_type</c>):
/// what a Service's <c>spec.ipFamilies</c> asks, as far as its VIP network has a subnet of the family.</summary>
public enum VipIpType
{
    /// <summary>IPv4 only (<c>V4_ONLY</c>, the controller's default).</summary>
    V4Only,

    /// <summary>IPv6 only (<c>V6_ONLY</c>): the address is the vip's <c>ip6_address</c>.</summary>
    V6Only,

    /// <summary>One address of each family (<c>V4_V6</c>).</summary>
    V4V6,
}
