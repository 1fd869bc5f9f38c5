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

    /// <summary>The AviInfraSetting whose shared VSes these names are for; null for the controller's own. AKO puts it in the
    /// shared VS's name (<c>&lt;p&gt;Shared-L7-&lt;setting&gt;-&lt;n&gt;</c>) and after the prefix of every per-host object.</summary>
    public string? InfraSetting { get; init; }

    /// <summary>The prefix of per-host objects: <c>&lt;p&gt;</c>, or <c>&lt;p&gt;&lt;setting&gt;-</c> on an infra setting's VSes.</summary>
    public string HostPrefix => InfraSetting is { } setting ? $"{Prefix}{setting}-" : Prefix;

    /// <summary>Shared L7 virtual service number <paramref name="index"/> (also its vsvip, poolgroup and redirect policy set):
    /// <c>&lt;p&gt;Shared-L7-&lt;n&gt;</c>, or <c>&lt;p&gt;Shared-L7-&lt;setting&gt;-&lt;n&gt;</c> for an infra setting (AKO's GetShardVSName).</summary>
    public string SharedL7VirtualService(int index) =>
        $"{Prefix}Shared-L7-{(InfraSetting is { } setting ? setting + "-" : string.Empty)}{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Insecure host/path pool on a shared VS: <c>&lt;p&gt;&lt;host&gt;&lt;path, / as _&gt;-&lt;ns&gt;-&lt;ingress&gt;</c>.</summary>
    public string InsecurePool(string host, string path, string ns, string ingress) => $"{HostPrefix}{host}{PathPart(path)}-{ns}-{ingress}";

    /// <summary>The SNI child VS of a TLS host, and its certificate: <c>&lt;p&gt;&lt;host&gt;</c>.</summary>
    public string SniChild(string host) => $"{HostPrefix}{host}";

    public string Certificate(string host) => $"{HostPrefix}{host}";

    /// <summary>Pool (and pool group) of one path of a TLS host: <c>&lt;p&gt;&lt;ns&gt;-&lt;host&gt;&lt;path&gt;-&lt;ingress&gt;</c>.</summary>
    public string SniPool(string ns, string host, string path, string ingress) => $"{HostPrefix}{ns}-{host}{PathPart(path)}-{ingress}";

    /// <summary>The HTTP policy set of a TLS host's paths from one namespace: <c>&lt;p&gt;&lt;ns&gt;-&lt;host&gt;</c>.</summary>
    public string SniHttpPolicySet(string ns, string host) => $"{HostPrefix}{ns}-{host}";

    /// <summary>Shard index of <paramref name="host"/> among <paramref name="shardCount"/> shared VSes (a power of two):
    /// FNV-1a-32 of the host's UTF-8 bytes, masked — AKO's choice, so both place a host on the same VS.</summary>
    public static int ShardIndex(string host, uint shardCount) => (int)(Fnv1a32.Hash(host) & (shardCount - 1));

    /// <summary>Static route ids in the VRF: <c>&lt;clusterName&gt;-&lt;n&gt;</c>.</summary>
    public string StaticRouteId(int index) => $"{ClusterName}-{index.ToString(CultureInfo.InvariantCulture)}";

    public static bool IsTooLong(string name) => name.Length > MaxLength;

    /// <summary>True for the names of shared L7 VSes of this cluster, the controller's own (<c>&lt;p&gt;Shared-L7-&lt;n&gt;</c>)
    /// and infra settings' (<c>&lt;p&gt;Shared-L7-&lt;setting&gt;-&lt;n&gt;</c>).</summary>
    public bool IsSharedL7VirtualService(string name) => TryParseSharedL7VirtualService(name, out _, out _);

    /// <summary>Reads a shared VS's name back: its infra setting (null for the controller's own) and its shard number. Unambiguous:
    /// the shard number has no '-', and a setting's part is never digits alone followed by nothing.</summary>
    public bool TryParseSharedL7VirtualService(string name, out string? infraSetting, out int index)
    {
        infraSetting = null;
        index = -1;
        var start = $"{Prefix}Shared-L7-";
        if (!name.StartsWith(start, StringComparison.Ordinal)) return false;
        var rest = name.AsSpan(start.Length);
        var dash = rest.LastIndexOf('-');
        if (!int.TryParse(rest[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index)) return false;
        if (dash < 0) return true;
        if (dash == 0) return false;
        infraSetting = rest[..dash].ToString();
        return true;
    }

    private static string PathPart(string path) => path.Replace('/', '_');
}
