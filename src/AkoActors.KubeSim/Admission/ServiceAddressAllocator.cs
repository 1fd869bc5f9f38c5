using System.Net;
using System.Net.Sockets;

namespace AkoActors.KubeSim.Admission;

/// <summary>
/// The cluster IP range (default 10.96.0.0/12) and node port range (30000-32767) pools that Services draw from. Picks
/// are random like kube-apiserver's, so addresses look real; every address is only data, nothing is ever bound to it.
/// </summary>
public sealed class ServiceAddressAllocator
{
    private readonly HashSet<uint> _ips = [];
    private readonly HashSet<int> _ports = [];
    private readonly uint _network;
    private readonly uint _size;
    private readonly Random _random;

    /// <summary>Creates pools over a service CIDR and node port range.</summary>
    public ServiceAddressAllocator(string serviceCidr, int nodePortMin, int nodePortMax, Random random)
    {
        var slash = serviceCidr.IndexOf('/', StringComparison.Ordinal);
        var address = IPAddress.Parse(serviceCidr[..slash]);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("only IPv4 service CIDRs are supported", nameof(serviceCidr));
        }
        var prefix = int.Parse(serviceCidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        _size = prefix == 0 ? uint.MaxValue : (1u << (32 - prefix));
        _network = ToUInt(address) & ~(_size - 1);
        ServiceCidr = serviceCidr;
        NodePortMin = nodePortMin;
        NodePortMax = nodePortMax;
        _random = random;
    }

    /// <summary>The service CIDR.</summary>
    public string ServiceCidr { get; }

    /// <summary>Lowest node port.</summary>
    public int NodePortMin { get; }

    /// <summary>Highest node port.</summary>
    public int NodePortMax { get; }

    /// <summary>Whether an address lies in the service CIDR (excluding network and broadcast addresses).</summary>
    public bool InRange(string ip) =>
        IPAddress.TryParse(ip, out var a) && a.AddressFamily == AddressFamily.InterNetwork &&
        ToUInt(a) - _network is var offset && offset > 0 && offset < _size - 1;

    /// <summary>Whether an address is taken.</summary>
    public bool IsIpTaken(string ip) => IPAddress.TryParse(ip, out var a) && _ips.Contains(ToUInt(a));

    /// <summary>Whether a node port is taken.</summary>
    public bool IsPortTaken(int port) => _ports.Contains(port);

    /// <summary>Picks a free cluster IP; reserves it when <paramref name="commit"/>.</summary>
    public string AllocateIp(bool commit)
    {
        // Offset 1 is the kubernetes Service's address in a real cluster; start above it.
        for (var attempt = 0; attempt < 1_000_000; attempt++)
        {
            var candidate = _network + 2 + (uint)_random.NextInt64(_size - 3);
            if (!_ips.Contains(candidate))
            {
                if (commit)
                {
                    _ips.Add(candidate);
                }
                return ToAddress(candidate);
            }
        }
        throw new Api.ApiException(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP: range is full");
    }

    /// <summary>Reserves a requested cluster IP.</summary>
    public void ReserveIp(string ip)
    {
        if (IPAddress.TryParse(ip, out var a))
        {
            _ips.Add(ToUInt(a));
        }
    }

    /// <summary>Returns a cluster IP to the pool.</summary>
    public void ReleaseIp(string ip)
    {
        if (IPAddress.TryParse(ip, out var a))
        {
            _ips.Remove(ToUInt(a));
        }
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

    private static uint ToUInt(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static string ToAddress(uint value) => $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";
}
