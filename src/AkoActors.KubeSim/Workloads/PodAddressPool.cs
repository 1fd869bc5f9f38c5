using System.Net;

namespace AkoActors.KubeSim.Workloads;

/// <summary>Hands out Pod IPs from each node's pod CIDR (first free host address from .2, .1 being the CNI gateway), reusing addresses of Pods that are gone.</summary>
public sealed class PodAddressPool
{
    private readonly Dictionary<string, HashSet<uint>> _used = new(StringComparer.Ordinal);

    /// <summary>Marks an address in use on a node.</summary>
    public void MarkUsed(string node, string ip)
    {
        if (TryParse(ip, out var value))
        {
            Used(node).Add(value);
        }
    }

    /// <summary>Returns an address to a node's pool.</summary>
    public void Release(string node, string ip)
    {
        if (TryParse(ip, out var value))
        {
            Used(node).Remove(value);
        }
    }

    /// <summary>The next free address in the CIDR, or null when it is exhausted or not IPv4.</summary>
    public string? Allocate(string node, string cidr)
    {
        if (!IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return null;
        }
        TryParse(network.BaseAddress.ToString(), out var start);
        var size = 1u << (32 - network.PrefixLength);
        var used = Used(node);
        for (var offset = 2u; offset < size - 1; offset++)
        {
            if (used.Add(start + offset))
            {
                var v = start + offset;
                return $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}";
            }
        }
        return null;
    }

    private HashSet<uint> Used(string node)
    {
        if (!_used.TryGetValue(node, out var set))
        {
            _used[node] = set = [];
        }
        return set;
    }

    private static bool TryParse(string ip, out uint value)
    {
        value = 0;
        if (!IPAddress.TryParse(ip, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }
        var b = address.GetAddressBytes();
        value = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        return true;
    }
}
