using System.Globalization;
using AkoActors.Domain.Keys;

namespace AkoActors.Domain.Naming;

/// <summary>AKO's Avi object names, byte for byte, so objects AKO made are adopted rather than duplicated.</summary>
public sealed record AviNames(string ClusterName)
{
    /// <summary>The controller refuses longer names; such objects are not created and the user is told.</summary>
    public const int MaxLength = 255;

    public string Prefix => $"{ClusterName}--";

    /// <summary>L4 virtual service, its vsvip and its L4 policy set: <c>&lt;p&gt;&lt;ns&gt;-&lt;svc&gt;</c>.</summary>
    public string L4VirtualService(ServiceKey service) => $"{Prefix}{service.Namespace}-{service.Name}";

    /// <summary>One pool per Service port: <c>&lt;p&gt;&lt;ns&gt;-&lt;svc&gt;-&lt;PROTOCOL&gt;-&lt;port&gt;</c>.</summary>
    public string L4Pool(ServiceKey service, string protocol, int port) =>
        $"{Prefix}{service.Namespace}-{service.Name}-{protocol.ToUpperInvariant()}-{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Shared L7 virtual service number <paramref name="index"/> (also its vsvip, poolgroup and redirect policy set).</summary>
    public string SharedL7VirtualService(int index) => $"{Prefix}Shared-L7-{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Static route ids in the VRF: <c>&lt;clusterName&gt;-&lt;n&gt;</c>.</summary>
    public string StaticRouteId(int index) => $"{ClusterName}-{index.ToString(CultureInfo.InvariantCulture)}";

    public static bool IsTooLong(string name) => name.Length > MaxLength;
}
