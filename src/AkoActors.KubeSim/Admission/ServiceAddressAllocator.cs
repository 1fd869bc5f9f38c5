using System.Net;
using System.Net.Sockets;

namespace AkoActors.KubeSim.Admission;

/// <summary>
/// The cluster IP ranges and node port range (30000-32767) that Services draw from. The service CIDR is
/// kube-apiserver's <c>--service-cluster-ip-range</c>: one range, or two of different families separated by a comma
/// (default <c>10.96.0.0/12,fd00:10:96::/112</c>, a dual-stack cluster with IPv4 first). Picks are random like
/// kube-apiserver's, so addresses look real; every address is only data, nothing is ever bound to it.
/// </summary>
public sealed class ServiceAddressAllocator
{
    private readonly List<FamilyRange> _ranges;
    private readonly HashSet<int> _ports = [];
    private readonly Random _random;

    /// <summary>Creates pools over a service CIDR (or a dual-stack pair) and node port range.</summary>
    public ServiceAddressAllocator(string serviceCidr, int nodePortMin, int nodePortMax, Random random)
    {
        _ranges = serviceCidr.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(FamilyRange.Parse).ToList();
        if (_ranges.Count is 0 or > 2 || (_ranges.Count == 2 && _ranges[0].Family == _ranges[1].Family))
        {
            throw new ArgumentException($"the service CIDR \"{serviceCidr}\" must be one range, or an IPv4 and an IPv6 range separated by a comma");
        }
        ServiceCidr = serviceCidr;
        NodePortMin = nodePortMin;
        NodePortMax = nodePortMax;
        _random = random;
    }

    /// <summary>The service CIDR.</summary>
    public string ServiceCidr { get; }

    /// <summary>The families this cluster serves, the primary (its first range's) first: <c>IPv4</c>, <c>IPv6</c>.</summary>
    public IReadOnlyList<string> Families => _ranges.Select(r => r.Family).ToList();

    /// <summary>Whether Services may be dual-stack here (a range of each family).</summary>
    public bool IsDualStack => _ranges.Count == 2;

    /// <summary>Lowest node port.</summary>
    public int NodePortMin { get; }

    /// <summary>Highest node port.</summary>
    public int NodePortMax { get; }

    /// <summary>The family (<c>IPv4</c> or <c>IPv6</c>) of an address; null when it is not one.</summary>
    public static string? FamilyOf(string ip) =>
        IPAddress.TryParse(ip, out var a) ? a.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4" : null;

    /// <summary>The range of <paramref name="family"/>, as written in the service CIDR; null when the cluster has none.</summary>
    public string? RangeOf(string family) => _ranges.FirstOrDefault(r => r.Family == family)?.Cidr;

    /// <summary>The address kube-apiserver gives the <c>kubernetes</c> Service: the primary range's first after its network address.</summary>
    public static string KubernetesServiceIp(string serviceCidr)
    {
        var primary = FamilyRange.Parse(serviceCidr.Split(',', 2)[0].Trim());
        return primary.ToAddress(primary.Network + 1);
    }

    /// <summary>Whether an address lies in the service CIDR of its family (excluding the range's first and, for IPv4, last address).</summary>
    public bool InRange(string ip) => IPAddress.TryParse(ip, out var a) && RangeFor(a) is { } range && range.Contains(a);

    /// <summary>Whether an address is taken.</summary>
    public bool IsIpTaken(string ip) => IPAddress.TryParse(ip, out var a) && RangeFor(a) is { } range && range.Taken.Contains(FamilyRange.ToNumber(a));

    /// <summary>Whether a node port is taken.</summary>
    public bool IsPortTaken(int port) => _ports.Contains(port);

    /// <summary>Picks a free cluster IP of <paramref name="family"/>; reserves it when <paramref name="commit"/>.</summary>
    public string AllocateIp(string family, bool commit)
    {
        var range = _ranges.FirstOrDefault(r => r.Family == family) ??
                    throw new InvalidOperationException($"no {family} service CIDR is configured");
        // Offset 1 is the kubernetes Service's address in a real cluster; start above it.
        var span = range.Size - (range.Family == "IPv4" ? 3u : 2u);
        for (var attempt = 0; attempt < 1_000_000 && (UInt128)range.Taken.Count < span; attempt++)
        {
            var candidate = range.Network + 2 + Random128(span);
            if (range.Taken.Contains(candidate)) continue;
            if (commit) range.Taken.Add(candidate);
            return range.ToAddress(candidate);
        }
        throw new Api.ApiException(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP: range is full");
    }

    /// <summary>Reserves a requested cluster IP.</summary>
    public void ReserveIp(string ip)
    {
        if (IPAddress.TryParse(ip, out var a) && RangeFor(a) is { } range) range.Taken.Add(FamilyRange.ToNumber(a));
    }

    /// <summary>Returns a cluster IP to the pool.</summary>
    public void ReleaseIp(string ip)
    {
        if (IPAddress.TryParse(ip, out var a) && RangeFor(a) is { } range) range.Taken.Remove(FamilyRange.ToNumber(a));
    }

    /// <summary>Picks a free node port; reserves it when <paramref name="commit"/>.</summary>
    public int AllocatePort(bool commit)
    {
        var span = NodePortMax - NodePortMin + 1;
        if (_ports.Count >= span)
        {
            throw new Api.ApiException(500, "InternalError", "Internal error occurred: failed to allocate a nodePort: range is full");
        }
        while (true)
        {
            var candidate = NodePortMin + _random.Next(span);
            if (!_ports.Contains(candidate))
            {
                if (commit)
                {
                    _ports.Add(candidate);
                }
                return candidate;
            }
        }
    }

    /// <summary>Reserves a requested node port.</summary>
    public void ReservePort(int port) => _ports.Add(port);

    /// <summary>Returns a node port to the pool.</summary>
    public void ReleasePort(int port) => _ports.Remove(port);

    private FamilyRange? RangeFor(IPAddress address)
    {
        var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
        return _ranges.FirstOrDefault(r => r.Family == family);
    }

    private UInt128 Random128(UInt128 below)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new UInt128(BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..])) % below;
    }

    /// <summary>One family's range and the addresses taken in it, as numbers.</summary>
    private sealed class FamilyRange(string cidr, string family, UInt128 network, UInt128 size)
    {
        public string Cidr { get; } = cidr;
        public string Family { get; } = family;
        public UInt128 Network { get; } = network;
        public UInt128 Size { get; } = size;
        public HashSet<UInt128> Taken { get; } = [];

        public static FamilyRange Parse(string cidr)
        {
            var slash = cidr.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var address) ||
                !int.TryParse(cidr[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix))
            {
                throw new ArgumentException($"the service CIDR \"{cidr}\" is not a CIDR (address/prefix)");
            }
            var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            var bits = v6 ? 128 : 32;
            if (prefix > bits - 2)
            {
                throw new ArgumentException($"the service CIDR \"{cidr}\" is too small: its prefix must be /{bits - 2} or shorter");
            }
            // kube-apiserver's bitmap allocator refused IPv6 ranges wider than /108; a wider one is drawn from its first 2^20 addresses.
            var size = UInt128.One << Math.Min(bits - prefix, v6 ? 20 : 32);
            var network = ToNumber(address) & ~((UInt128.One << (bits - prefix)) - 1);
            return new FamilyRange(cidr, v6 ? "IPv6" : "IPv4", network, size);
        }

        public bool Contains(IPAddress address)
        {
            var offset = ToNumber(address) - Network;
            return ToNumber(address) >= Network && offset > 0 && offset < (Family == "IPv4" ? Size - 1 : Size);
        }

        public static UInt128 ToNumber(IPAddress address)
        {
            var value = UInt128.Zero;
            foreach (var b in address.GetAddressBytes()) value = (value << 8) | b;
            return value;
        }

        public string ToAddress(UInt128 value)
        {
            var bytes = new byte[Family == "IPv4" ? 4 : 16];
            for (var i = bytes.Length - 1; i >= 0; i--, value >>= 8) bytes[i] = (byte)(value & 0xff);
            return new IPAddress(bytes).ToString();
        }
    }
}
