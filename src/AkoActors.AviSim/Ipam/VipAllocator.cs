namespace AkoActors.AviSim.Ipam;

/// <summary>The IPAM ledger: which VIP addresses of which network belong to which vsvip, and the lowest
/// free address of a range, found without rescanning from the start every time. IPv6 VIPs are held in a ledger of their own
/// (few, so found by a plain scan).</summary>
/// <remarks>Called only under the store gate, like the rest of the write path.</remarks>
internal sealed class VipAllocator
{
    private readonly Dictionary<string, Dictionary<uint, string>> _allocated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Network, uint Address)>> _byOwner = new(StringComparer.Ordinal);

    private readonly Dictionary<string, Dictionary<UInt128, string>> _allocated6 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Network, UInt128 Address)>> _byOwner6 = new(StringComparer.Ordinal);

    /// <summary>Lowest-possibly-free address per (network, range begin): a cursor only moves back on release.</summary>
    private readonly Dictionary<(string Network, uint Begin), uint> _cursors = new();

    public string? OwnerOf(string network, uint address) =>
        _allocated.TryGetValue(network, out var map) && map.TryGetValue(address, out var owner) ? owner : null;

    public IReadOnlyList<(string Network, uint Address)> AddressesOf(string owner) =>
        _byOwner.TryGetValue(owner, out var list) ? list : [];

    public int CountIn(string network) => _allocated.TryGetValue(network, out var map) ? map.Count : 0;

    /// <summary>The lowest address of <paramref name="ranges"/> neither allocated nor in <paramref name="alsoTaken"/>.</summary>
    public uint? LowestFree(string network, IReadOnlyList<VipRange> ranges, IReadOnlySet<uint> alsoTaken)
    {
        _allocated.TryGetValue(network, out var map);
        foreach (var range in ranges)
        {
            var start = _cursors.TryGetValue((network, range.Begin), out var cursor) ? Math.Max(cursor, range.Begin) : range.Begin;
            for (var candidate = (ulong)start; candidate <= range.End; candidate++)
            {
                var address = (uint)candidate;
                if (map is not null && map.ContainsKey(address))
                {
                    if (candidate == start)
                    {
                        start = address + 1;
                        _cursors[(network, range.Begin)] = start;
                    }
                    continue;
                }
                if (!alsoTaken.Contains(address))
                {
                    return address;
                }
            }
        }
        return null;
    }

    public void Allocate(string network, uint address, string owner)
    {
        if (!_allocated.TryGetValue(network, out var map))
        {
            map = [];
            _allocated[network] = map;
        }
        map[address] = owner;
        if (!_byOwner.TryGetValue(owner, out var list))
        {
            list = [];
            _byOwner[owner] = list;
        }
        list.Add((network, address));
    }

    public void Release(string network, uint address)
    {
        if (!_allocated.TryGetValue(network, out var map) || !map.Remove(address, out var owner))
        {
            return;
        }
        if (_byOwner.TryGetValue(owner, out var list))
        {
            list.Remove((network, address));
            if (list.Count == 0)
            {
                _byOwner.Remove(owner);
            }
        }
        foreach (var key in _cursors.Keys.Where(k => k.Network == network && k.Begin <= address).ToList())
        {
            if (_cursors[key] > address)
            {
                _cursors[key] = address;
            }
        }
    }

    public string? OwnerOf6(string network, UInt128 address) =>
        _allocated6.TryGetValue(network, out var map) && map.TryGetValue(address, out var owner) ? owner : null;

    /// <summary>The lowest IPv6 address of <paramref name="ranges"/> neither allocated nor in <paramref name="alsoTaken"/>.</summary>
    public UInt128? LowestFree6(string network, IReadOnlyList<Vip6Range> ranges, IReadOnlySet<UInt128> alsoTaken)
    {
        _allocated6.TryGetValue(network, out var map);
        foreach (var range in ranges)
        {
            for (var candidate = range.Begin; ; candidate++)
            {
                if ((map is null || !map.ContainsKey(candidate)) && !alsoTaken.Contains(candidate))
                {
                    return candidate;
                }
                if (candidate == range.End)
                {
                    break;
                }
            }
        }
        return null;
    }

    public void Allocate6(string network, UInt128 address, string owner)
    {
        if (!_allocated6.TryGetValue(network, out var map))
        {
            map = [];
            _allocated6[network] = map;
        }
        map[address] = owner;
        if (!_byOwner6.TryGetValue(owner, out var list))
        {
            list = [];
            _byOwner6[owner] = list;
        }
        list.Add((network, address));
    }

    public void Release6(string network, UInt128 address)
    {
        if (!_allocated6.TryGetValue(network, out var map) || !map.Remove(address, out var owner) ||
            !_byOwner6.TryGetValue(owner, out var list))
        {
            return;
        }
        list.Remove((network, address));
        if (list.Count == 0)
        {
            _byOwner6.Remove(owner);
        }
    }

    public void ReleaseAll(string owner)
    {
        foreach (var (network, address) in (_byOwner6.TryGetValue(owner, out var v6) ? v6 : []).ToList())
        {
            Release6(network, address);
        }
        foreach (var (network, address) in AddressesOf(owner).ToList())
        {
            Release(network, address);
        }
    }

    public void Clear()
    {
        _allocated.Clear();
        _byOwner.Clear();
        _cursors.Clear();
        _allocated6.Clear();
        _byOwner6.Clear();
    }
}
