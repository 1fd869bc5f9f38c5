using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Ipam;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>The IPv6 half of a vsvip's vip entry (<c>ip6_address</c>, asked with <c>auto_allocate_ip_type</c> V6_ONLY or
/// V4_V6), kept apart from <see cref="VsVipRules"/>' IPv4 allocation: which address, from which IPv6 subnet, and what the
/// write does to the IPv6 ledger once committed.</summary>
internal sealed class VsVip6Addresses(ObjectStore store, VipAllocator allocator)
{
    /// <summary>The IPv6 address of a vip asking V6_ONLY or V4_V6: the one it holds (kept across PUTs; another one asked for
    /// is refused as for IPv4), the <c>ip6_address</c> asked for (inside a VIP range of the IPv6 subnet, not held by another
    /// VIP), or the lowest free one. A vip asking V4_ONLY releases the IPv6 address it held.</summary>
    public void Prepare(JsonObject vip, string path, JsonObject? previousVip, string ipType, StoredObject? network, string selfUuid, Vip6Plan plan)
    {
        var requested = RequestedAddress(vip, path);
        var previousText = previousVip?["ip6_address"]?["addr"]?.GetValue<string>();
        var auto = vip["auto_allocate_ip"]?.GetValueKind() == JsonValueKind.True;
        if (!auto)
        {
            return;
        }
        if (ipType == VsVipRules.V4Only)
        {
            if (previousText is not null && VsVipRules.NetworkUuidOf(previousVip!) is { } previousNetwork)
            {
                plan.Released.Add((previousNetwork, IpMath.ToUInt128(IPAddress.Parse(previousText))));
                vip.Remove("ip6_address");
                return;
            }
            if (requested is not null)
            {
                throw AviRequestException.BadRequest($"Field '{path}.ip6_address' asks an IPv6 address but {path}.auto_allocate_ip_type is V4_ONLY");
            }
            return;
        }
        if (network is null)
        {
            throw AviRequestException.BadRequest(
                $"No IPAM network to allocate {path} from: set {path}.ipam_network_subnet.network_ref or the cloud's IPAM profile");
        }
        var subnet = SubnetFor(network, vip, path);
        if (previousText is not null)
        {
            if (requested is not null && !requested.Equals(IPAddress.Parse(previousText)))
            {
                throw AviRequestException.BadRequest("If a new preferred IP is needed, please recreate the VIP");
            }
            vip["ip6_address"] = previousVip!["ip6_address"]!.DeepClone();
        }
        else
        {
            var address = requested is not null
                ? Reserve(network, subnet, requested, plan.Taken, selfUuid)
                : allocator.LowestFree6(network.Uuid, subnet.Ranges6, plan.Taken)
                  ?? throw AviRequestException.BadRequest($"No available free IPv6 addresses in network {network.Name}");
            plan.Taken.Add(address);
            plan.Planned.Add((network.Uuid, address));
            vip["ip6_address"] = AddressNode(IpMath.FromUInt128(address));
        }
        var subnet6Node = new JsonObject { ["ip_addr"] = AddressNode(subnet.Prefix), ["mask"] = subnet.Mask };
        if (vip["ipam_network_subnet"] is JsonObject ipamSubnet)
        {
            ipamSubnet["subnet6"] ??= subnet6Node.DeepClone();
        }
        if (vip["discovered_networks"]?[0] is JsonObject discovered)
        {
            discovered["subnet6"] = new JsonArray(subnet6Node);
        }
        else
        {
            vip["discovered_networks"] = new JsonArray(new JsonObject
            {
                ["network_ref"] = ObjectRef.Canonical("network", network.Uuid),
                ["subnet6"] = new JsonArray(subnet6Node),
            });
        }
    }

    private static IPAddress? RequestedAddress(JsonObject vip, string path)
    {
        if (vip["ip6_address"] is null)
        {
            return null;
        }
        if (vip["ip6_address"] is not JsonObject ip || ip["addr"] is not JsonValue addr || addr.GetValueKind() != JsonValueKind.String ||
            !IPAddress.TryParse(addr.GetValue<string>(), out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw AviRequestException.BadRequest($"Field '{path}.ip6_address' must be an object {{addr, type: V6}} holding an IPv6 address");
        }
        ip["type"] ??= "V6";
        return address;
    }

    /// <summary>The IPv6 subnet a vip allocates from: the <c>ipam_network_subnet.subnet6</c> it names, else the network's
    /// first IPv6 subnet; a network without one cannot give an IPv6 VIP.</summary>
    private static VipSubnet SubnetFor(StoredObject network, JsonObject vip, string path)
    {
        var subnets = NetworkVipLayout.Read(network.Document);
        if (vip["ipam_network_subnet"]?["subnet6"] is JsonObject wanted)
        {
            var addr = IPAddress.Parse(wanted["ip_addr"]!["addr"]!.GetValue<string>());
            var mask = wanted["mask"]!.GetValue<int>();
            return subnets.FirstOrDefault(s => s.IsIPv6 && s.Matches(addr, mask))
                   ?? throw AviRequestException.BadRequest(
                       $"Subnet {addr}/{mask} in field '{path}.ipam_network_subnet.subnet6' is not configured in network {network.Name}");
        }
        return subnets.FirstOrDefault(s => s.IsIPv6)
               ?? throw AviRequestException.BadRequest(
                   $"Network {network.Name} has no IPv6 subnet to allocate {path} (auto_allocate_ip_type {vip["auto_allocate_ip_type"]}) from: " +
                   "add an IPv6 prefix with a STATIC_IPS_FOR_VIP range to its configured_subnets, or ask V4_ONLY");
    }

    private UInt128 Reserve(StoredObject network, VipSubnet subnet, IPAddress requested, HashSet<UInt128> taken, string selfUuid)
    {
        var address = IpMath.ToUInt128(requested);
        if (!subnet.Ranges6.Any(r => r.Contains(address)))
        {
            throw AviRequestException.BadRequest($"IP {requested} is not in the VIP ranges of network {network.Name}");
        }
        var owner = allocator.OwnerOf6(network.Uuid, address);
        if ((owner is not null && owner != selfUuid) || taken.Contains(address))
        {
            var ownerName = owner is not null && store.TryGet(owner, out var o) ? o.Name : "another VIP";
            throw new AviRequestException(409, $"IP {requested} in network {network.Name} is already allocated to {ownerName}");
        }
        return address;
    }

    private static JsonObject AddressNode(IPAddress address) => new() { ["addr"] = address.ToString(), ["type"] = "V6" };
}

/// <summary>What a vsvip write does to the IPv6 ledger once committed, and the addresses it has taken so far.</summary>
internal sealed record Vip6Plan(List<(string Network, UInt128 Address)> Planned, List<(string Network, UInt128 Address)> Released, HashSet<UInt128> Taken);
