using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Api;
using AkoActors.AviSim.Dns;
using AkoActors.AviSim.Ipam;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Rules;

/// <summary>The vsvip behaviour of a controller: synchronous VIP allocation from the network's VIP ranges,
/// reservation of a requested address, the same address across PUTs, release on delete, the server-filled
/// vip and dns_info defaults, and publication of the vsvip's FQDNs to the DNS service. On a public cloud (AWS, Azure, GCP,
/// OpenStack) a vip asking <c>auto_allocate_floating_ip</c> also gets a floating IP from the cloud's public pool, kept across
/// PUTs and released when no longer asked for; elsewhere the flag is held and nothing is allocated. A vip's
/// <c>auto_allocate_ip_type</c> (V4_ONLY, the default; V6_ONLY; V4_V6) says which families IPAM allocates: the IPv6 address
/// (<c>ip6_address</c>) comes from an IPv6 subnet of the network, as the IPv4 one from an IPv4 subnet.</summary>
internal sealed class VsVipRules(ObjectStore store, VipAllocator allocator, DnsRecordTable dns, CloudDirectory clouds) : ObjectRules
{
    private readonly VsVip6Addresses ipv6 = new(store, allocator);

    /// <summary>The simulated public pool floating IPs come from (TEST-NET-2, documentation addresses: data, never a
    /// destination), one ledger for the whole controller as a public cloud's elastic addresses are.</summary>
    internal const string FloatingPool = "public-floating-ips";

    private static readonly VipRange FloatingRange = new(IpMath.ToUInt32(IPAddress.Parse("198.51.100.1")), IpMath.ToUInt32(IPAddress.Parse("198.51.100.254")));

    public override string TypeName => "vsvip";

    public override void Prepare(WriteContext context)
    {
        var document = context.Document;
        if (document["vip"] is not JsonArray vips || vips.Count == 0)
        {
            throw AviRequestException.BadRequest("Field 'vip' must list at least one VIP");
        }
        var previousVips = PreviousVips(context.Previous);
        CheckVipIdChanges(vips, previousVips);
        var planned = new List<(string Network, uint Address)>();
        var planned6 = new List<(string Network, UInt128 Address)>();
        var released6 = new List<(string Network, UInt128 Address)>();
        var releasedV4 = new List<(string Network, uint Address)>();
        var releasedFloating = new List<uint>();
        var publicCloud = clouds.IsPublic(context.Document["cloud_ref"] is JsonValue cloud ? ObjectRef.UuidOfCanonical(cloud.GetValue<string>()) : null);
        var taken = new HashSet<uint>();
        var taken6 = new HashSet<UInt128>();
        var keptIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < vips.Count; i++)
        {
            if (vips[i] is not JsonObject vip)
            {
                throw AviRequestException.BadRequest($"Field 'vip[{i}]' must be an object");
            }
            var vipId = VipId(vip, i);
            keptIds.Add(vipId);
            previousVips.TryGetValue(vipId, out var previousVip);
            var ipType = IpType(vip, i);
            PrepareVip(context, vip, i, previousVip, planned, taken, ipType, releasedV4);
            var auto6 = vip["auto_allocate_ip"]?.GetValueKind() == JsonValueKind.True && ipType != V4Only;
            ipv6.Prepare(vip, $"vip[{i}]", previousVip, ipType, auto6 ? NetworkFor(context, vip, auto: true, $"vip[{i}]") : null, context.Uuid,
                new Vip6Plan(planned6, released6, taken6));
            PrepareFloatingIp(vip, i, previousVip, publicCloud, planned, releasedFloating, taken);
        }
        PrepareDnsInfo(document);
        document["east_west_placement"] ??= false;

        var released = previousVips
            .Where(kv => !keptIds.Contains(kv.Key))
            .Select(kv => kv.Value)
            .ToList();
        context.OnCommit(committed =>
        {
            foreach (var vip in released)
            {
                ReleaseVip(vip);
            }
            foreach (var (network, address) in releasedV4)
            {
                allocator.Release(network, address);
            }
            foreach (var (network, address) in released6)
            {
                allocator.Release6(network, address);
            }
            foreach (var (network, address) in planned6)
            {
                allocator.Allocate6(network, address, committed.Uuid);
            }
            foreach (var address in releasedFloating)
            {
                allocator.Release(FloatingPool, address);
            }
            foreach (var (network, address) in planned)
            {
                allocator.Allocate(network, address, committed.Uuid);
            }
            Publish(committed);
        });
    }

    public override void Deleting(StoredObject stored, List<Action> onCommit)
    {
        onCommit.Add(() =>
        {
            allocator.ReleaseAll(stored.Uuid);
            dns.Withdraw(stored.Uuid);
        });
    }

    /// <summary>Re-publishes the DNS records of every vsvip (after a reset or a DNS profile change).</summary>
    public void PublishAll()
    {
        foreach (var vsvip in store.OfType(TypeName))
        {
            Publish(vsvip);
        }
    }

    private void PrepareVip(WriteContext context, JsonObject vip, int index, JsonObject? previousVip,
        List<(string Network, uint Address)> planned, HashSet<uint> taken, string ipType, List<(string Network, uint Address)> releasedV4)
    {
        var path = $"vip[{index}]";
        var auto = vip["auto_allocate_ip"] is JsonValue a && a.GetValueKind() == JsonValueKind.True;
        if (vip["auto_allocate_ip"] is { } autoNode && autoNode.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw AviRequestException.BadRequest($"Field '{path}.auto_allocate_ip' must be a boolean");
        }
        var requested = RequestedAddress(vip, path);
        var network = NetworkFor(context, vip, auto, path);
        var previousAddress = previousVip?["ip_address"]?["addr"]?.GetValue<string>();
        if (ipType == V6Only && auto)
        {
            // No IPv4 address is allocated; one held before is released (a PUT turning an IPv4 VIP into an IPv6-only one).
            if (requested is not null && (previousAddress is null || !requested.Equals(IPAddress.Parse(previousAddress))))
            {
                throw AviRequestException.BadRequest($"Field '{path}.ip_address' asks an IPv4 address but {path}.auto_allocate_ip_type is V6_ONLY");
            }
            vip.Remove("ip_address");
            if (previousAddress is not null && NetworkUuidOf(previousVip!) is { } previousNetwork)
            {
                releasedV4.Add((previousNetwork, IpMath.ToUInt32(IPAddress.Parse(previousAddress))));
            }
            FillVipDefaults(vip, auto, network, null);
            return;
        }
        var subnet = network is null ? null : SubnetFor(network, vip, path);

        if (previousAddress is not null)
        {
            if (requested is not null && !requested.Equals(IPAddress.Parse(previousAddress)))
            {
                throw AviRequestException.BadRequest("If a new preferred IP is needed, please recreate the VIP");
            }
            vip["ip_address"] = previousVip!["ip_address"]!.DeepClone();
        }
        else if (auto)
        {
            if (network is null || subnet is null)
            {
                throw AviRequestException.BadRequest(
                    $"No IPAM network to allocate {path} from: set {path}.ipam_network_subnet.network_ref or the cloud's IPAM profile");
            }
            var address = requested is not null
                ? Reserve(network, subnet, requested, taken, context.Uuid)
                : Allocate(network, subnet, taken);
            taken.Add(address);
            planned.Add((network.Uuid, address));
            vip["ip_address"] = AddressNode(IpMath.FromUInt32(address));
        }
        else if (requested is null)
        {
            throw AviRequestException.BadRequest($"Field '{path}' needs ip_address or auto_allocate_ip: true");
        }
        FillVipDefaults(vip, auto, network, subnet);
    }

    /// <summary>A public cloud's floating IP beside the VIP: allocated when first asked for, the same one across PUTs, released
    /// when a PUT no longer asks for it (the controller's own <c>floating_ip</c> and <c>avi_allocated_fip</c>; what a client
    /// sends in them is not taken).</summary>
    private void PrepareFloatingIp(JsonObject vip, int index, JsonObject? previousVip, bool publicCloud,
        List<(string Network, uint Address)> planned, List<uint> releasedFloating, HashSet<uint> taken)
    {
        var path = $"vip[{index}]";
        if (vip["auto_allocate_floating_ip"] is { } flag && flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw AviRequestException.BadRequest($"Field '{path}.auto_allocate_floating_ip' must be a boolean");
        }
        var asked = vip["auto_allocate_floating_ip"]?.GetValueKind() == JsonValueKind.True;
        var previous = previousVip?["floating_ip"]?["addr"]?.GetValue<string>() is { } text ? IpMath.ToUInt32(IPAddress.Parse(text)) : (uint?)null;
        if (asked && publicCloud)
        {
            var address = previous ?? allocator.LowestFree(FloatingPool, [FloatingRange], taken)
                ?? throw AviRequestException.BadRequest("No available free floating IPs in the cloud's public pool");
            if (previous is null)
            {
                taken.Add(address);
                planned.Add((FloatingPool, address));
            }
            vip["floating_ip"] = AddressNode(IpMath.FromUInt32(address));
            vip["avi_allocated_fip"] = true;
            return;
        }
        vip.Remove("floating_ip");
        vip["avi_allocated_fip"] = false;
        if (previous is { } released)
        {
            releasedFloating.Add(released);
        }
    }

    internal const string V4Only = "V4_ONLY";
    internal const string V6Only = "V6_ONLY";
    internal const string V4V6 = "V4_V6";

    /// <summary>The vip's <c>auto_allocate_ip_type</c>, V4_ONLY when absent; any other value is refused as the controller
    /// refuses an enum value it does not know.</summary>
    private static string IpType(JsonObject vip, int index)
    {
        if (vip["auto_allocate_ip_type"] is null)
        {
            return V4Only;
        }
        if (vip["auto_allocate_ip_type"] is JsonValue value && value.GetValueKind() == JsonValueKind.String &&
            value.GetValue<string>() is V4Only or V6Only or V4V6)
        {
            return value.GetValue<string>();
        }
        throw AviRequestException.BadRequest(
            $"Invalid choice {vip["auto_allocate_ip_type"]!.ToJsonString()} for field 'vip[{index}].auto_allocate_ip_type' (one of V4_ONLY, V6_ONLY, V4_V6)");
    }

    /// <summary>The network a vip held its addresses in (its IPAM network, else the one the controller discovered).</summary>
    internal static string? NetworkUuidOf(JsonObject vip) =>
        (vip["ipam_network_subnet"]?["network_ref"]?.GetValue<string>() ?? vip["discovered_networks"]?[0]?["network_ref"]?.GetValue<string>())
        is { } networkRef ? ObjectRef.UuidOfCanonical(networkRef) : null;


    private static IPAddress? RequestedAddress(JsonObject vip, string path)
    {
        if (vip["ip_address"] is not JsonObject ip)
        {
            if (vip["ip_address"] is not null)
            {
                throw AviRequestException.BadRequest($"Field '{path}.ip_address' must be an object {{addr, type}}");
            }
            return null;
        }
        var text = ip["addr"]!.GetValue<string>();
        if (IPAddress.Parse(text).AddressFamily != AddressFamily.InterNetwork)
        {
            throw AviRequestException.BadRequest($"Field '{path}.ip_address' holds IPv6 address {text}; an IPv6 VIP goes in {path}.ip6_address");
        }
        ip["type"] ??= "V4";
        return IPAddress.Parse(text);
    }

    private StoredObject? NetworkFor(WriteContext context, JsonObject vip, bool auto, string path)
    {
        if (vip["subnet_uuid"] is { } subnetNode)
        {
            return SubnetNetwork(context, subnetNode, path);
        }
        if (vip["ipam_network_subnet"] is JsonObject ipamSubnet && ipamSubnet["network_ref"] is JsonValue networkRef)
        {
            return store.TryGet(ObjectRef.UuidOfCanonical(networkRef.GetValue<string>()), out var network) ? network : null;
        }
        if (vip["ipam_network_subnet"] is { } other && other is not JsonObject)
        {
            throw AviRequestException.BadRequest($"Field '{path}.ipam_network_subnet' must be an object");
        }
        if (!auto)
        {
            return null;
        }
        var cloudUuid = context.Document["cloud_ref"] is JsonValue c ? ObjectRef.UuidOfCanonical(c.GetValue<string>()) : null;
        return clouds.IpamNetworks(cloudUuid).FirstOrDefault();
    }

    /// <summary>A public cloud's vip entry names its subnet by <c>subnet_uuid</c> (AKO writes one entry per VIP network on
    /// AWS, Azure and OpenStack): the cloud's network of that name or uuid, whose VIP ranges the entry's address comes from.</summary>
    private StoredObject SubnetNetwork(WriteContext context, JsonNode subnetNode, string path)
    {
        if (subnetNode is not JsonValue value || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>().Length == 0)
        {
            throw AviRequestException.BadRequest($"Field '{path}.subnet_uuid' must be a non-empty string");
        }
        var subnet = value.GetValue<string>();
        var cloudUuid = context.Document["cloud_ref"] is JsonValue c ? ObjectRef.UuidOfCanonical(c.GetValue<string>()) : clouds.DefaultCloud()?.Uuid;
        var network = clouds.InCloud("network", subnet, cloudUuid)
                      ?? (store.TryGet(subnet, out var byUuid) && byUuid.Type.Name == "network" ? byUuid : null);
        return network ?? throw AviRequestException.BadRequest(
            $"Subnet {subnet} in field '{path}.subnet_uuid' is not a network of cloud {(cloudUuid is null ? CloudDirectory.DefaultCloudName : store.NameOf(cloudUuid) ?? cloudUuid)}");
    }

    private static VipSubnet? SubnetFor(StoredObject network, JsonObject vip, string path)
    {
        var subnets = NetworkVipLayout.Read(network.Document);
        if (vip["ipam_network_subnet"]?["subnet"] is JsonObject wanted)
        {
            var addr = IPAddress.Parse(wanted["ip_addr"]!["addr"]!.GetValue<string>());
            var mask = wanted["mask"]!.GetValue<int>();
            return subnets.FirstOrDefault(s => s.Matches(addr, mask))
                   ?? throw AviRequestException.BadRequest(
                       $"Subnet {addr}/{mask} in field '{path}.ipam_network_subnet.subnet' is not configured in network {network.Name}");
        }
        return subnets.FirstOrDefault(s => s.Prefix.AddressFamily == AddressFamily.InterNetwork);
    }

    private uint Allocate(StoredObject network, VipSubnet subnet, HashSet<uint> taken) =>
        allocator.LowestFree(network.Uuid, subnet.Ranges, taken)
        ?? throw AviRequestException.BadRequest($"No available free IPs in network {network.Name}");

    private uint Reserve(StoredObject network, VipSubnet subnet, IPAddress requested, HashSet<uint> taken, string selfUuid)
    {
        if (requested.AddressFamily != AddressFamily.InterNetwork || !subnet.Ranges.Any(r => r.Contains(IpMath.ToUInt32(requested))))
        {
            throw AviRequestException.BadRequest($"IP {requested} is not in the VIP ranges of network {network.Name}");
        }
        var address = IpMath.ToUInt32(requested);
        var owner = allocator.OwnerOf(network.Uuid, address);
        if ((owner is not null && owner != selfUuid) || taken.Contains(address))
        {
            var ownerName = owner is not null && store.TryGet(owner, out var o) ? o.Name : "another VIP";
            throw new AviRequestException(409, $"IP {requested} in network {network.Name} is already allocated to {ownerName}");
        }
        return address;
    }

    private static void FillVipDefaults(JsonObject vip, bool auto, StoredObject? network, VipSubnet? subnet)
    {
        if (network is not null && subnet is null && auto)
        {
            // V6_ONLY: the IPv6 part fills discovered_networks.
            vip["discovered_networks"] = new JsonArray(new JsonObject { ["network_ref"] = ObjectRef.Canonical("network", network.Uuid) });
        }
        vip["enabled"] ??= true;
        vip["auto_allocate_ip"] ??= false;
        vip["auto_allocate_floating_ip"] ??= false;
        vip["avi_allocated_vip"] ??= auto;
        vip["avi_allocated_fip"] ??= false;
        vip["auto_allocate_ip_type"] ??= "V4_ONLY";
        vip["prefix_length"] ??= 32;
        if (network is null || subnet is null)
        {
            return;
        }
        var subnetNode = new JsonObject
        {
            ["ip_addr"] = AddressNode(subnet.Prefix),
            ["mask"] = subnet.Mask,
        };
        if (vip["ipam_network_subnet"] is JsonObject ipamSubnet)
        {
            ipamSubnet["subnet"] ??= subnetNode.DeepClone();
        }
        vip["discovered_networks"] = new JsonArray(new JsonObject
        {
            ["network_ref"] = ObjectRef.Canonical("network", network.Uuid),
            ["subnet"] = new JsonArray(subnetNode),
        });
    }

    private void PrepareDnsInfo(JsonObject document)
    {
        if (document["dns_info"] is null)
        {
            return;
        }
        var entries = (JsonArray)document["dns_info"]!;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry || entry["fqdn"] is not JsonValue fqdnValue ||
                fqdnValue.GetValueKind() != JsonValueKind.String)
            {
                throw AviRequestException.BadRequest($"Field 'dns_info[{i}].fqdn' must be a string");
            }
            var fqdn = fqdnValue.GetValue<string>();
            if (Uri.CheckHostName(fqdn.TrimEnd('.')) != UriHostNameType.Dns)
            {
                throw AviRequestException.BadRequest($"Invalid FQDN '{fqdn}' in field 'dns_info[{i}].fqdn'");
            }
            entry["ttl"] ??= dns.DefaultTtl;
            entry["type"] ??= "DNS_RECORD_A";
            entry["num_records_in_response"] ??= 1;
            entry["algorithm"] ??= "DNS_RECORD_RESPONSE_CONSISTENT_HASH";
        }
    }

    private void Publish(StoredObject vsvip)
    {
        var names = new List<(string, int?)>();
        if (vsvip.Document["dns_info"] is JsonArray entries)
        {
            foreach (var entry in entries.OfType<JsonObject>())
            {
                var ttl = entry["ttl"] is JsonValue t && t.TryGetValue<int>(out var value) ? value : (int?)null;
                names.Add((entry["fqdn"]!.GetValue<string>(), ttl));
            }
        }
        var enabled = ((JsonArray)vsvip.Document["vip"]!)
            .OfType<JsonObject>()
            .Where(v => v["enabled"] is not JsonValue e || e.GetValueKind() != JsonValueKind.False)
            .ToList();
        // A records for the VIPs (or their floating IPs), AAAA records for the IPv6 VIPs, as the controller's DNS record
        // lists them in ip_address and ip6_address.
        var addresses = enabled.Select(AnsweredAddress).OfType<string>().Select(IPAddress.Parse).Where(a => a.AddressFamily == AddressFamily.InterNetwork)
            .Concat(enabled.Select(v => v["ip6_address"]?["addr"]?.GetValue<string>()).OfType<string>().Select(IPAddress.Parse)
                .Where(a => a.AddressFamily == AddressFamily.InterNetworkV6))
            .ToList();
        var tenantName = store.NameOf(vsvip.TenantUuid) ?? vsvip.TenantUuid;
        dns.Publish(vsvip.Uuid, $"{tenantName}:{vsvip.Name}", names, addresses);
    }

    /// <summary>The address a vip entry's FQDNs resolve to: its floating IP when it has one, else the VIP. As Avi's AWS DNS
    /// profile documents (<c>publish_vip_to_public_zone</c>: only a VS that is not floating-IP capable has its VIP published to
    /// the public zone), a floating IP is what the names answer to clients reaching the VS from outside, the address AKO
    /// reports in the Service's status; the simulated DNS service has one view, the public one.</summary>
    private static string? AnsweredAddress(JsonObject vip) =>
        vip["floating_ip"]?["addr"]?.GetValue<string>() ?? vip["ip_address"]?["addr"]?.GetValue<string>();

    private void ReleaseVip(JsonObject vip)
    {
        if (vip["floating_ip"]?["addr"]?.GetValue<string>() is { } floating)
        {
            allocator.Release(FloatingPool, IpMath.ToUInt32(IPAddress.Parse(floating)));
        }
        var addr = vip["ip_address"]?["addr"]?.GetValue<string>();
        var networkRef = vip["ipam_network_subnet"]?["network_ref"]?.GetValue<string>()
                         ?? vip["discovered_networks"]?[0]?["network_ref"]?.GetValue<string>();
        if (vip["ip6_address"]?["addr"]?.GetValue<string>() is { } addr6 && networkRef is not null &&
            IPAddress.TryParse(addr6, out var address6) && address6.AddressFamily == AddressFamily.InterNetworkV6)
        {
            allocator.Release6(ObjectRef.UuidOfCanonical(networkRef), IpMath.ToUInt128(address6));
        }
        if (addr is null || networkRef is null || !IPAddress.TryParse(addr, out var address) ||
            address.AddressFamily != AddressFamily.InterNetwork)
        {
            return;
        }
        allocator.Release(ObjectRef.UuidOfCanonical(networkRef), IpMath.ToUInt32(address));
    }

    private static Dictionary<string, JsonObject> PreviousVips(StoredObject? previous)
    {
        var map = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (previous?.Document["vip"] is JsonArray vips)
        {
            for (var i = 0; i < vips.Count; i++)
            {
                if (vips[i] is JsonObject vip)
                {
                    map[VipId(vip, i)] = vip;
                }
            }
        }
        return map;
    }

    /// <summary>A body that keeps an existing address under a new vip_id is renaming that VIP, which the
    /// controller refuses; so is swapping the id of the only VIP.</summary>
    private static void CheckVipIdChanges(JsonArray vips, Dictionary<string, JsonObject> previousVips)
    {
        if (previousVips.Count == 0)
        {
            return;
        }
        var bodyIds = vips.OfType<JsonObject>().Select((v, i) => (Vip: v, Id: VipId(v, i))).ToList();
        foreach (var (vip, id) in bodyIds)
        {
            if (previousVips.ContainsKey(id))
            {
                continue;
            }
            var addr = vip["ip_address"]?["addr"]?.GetValue<string>();
            var renamesAddress = addr is not null && previousVips.Values.Any(p => p["ip_address"]?["addr"]?.GetValue<string>() == addr);
            var renamesOnlyVip = previousVips.Count == 1 && bodyIds.Count == 1;
            if (renamesAddress || renamesOnlyVip)
            {
                throw AviRequestException.BadRequest("Changing an existing VIP's vip_id is not supported");
            }
        }
    }

    private static string VipId(JsonObject vip, int index)
    {
        switch (vip["vip_id"])
        {
            case null:
                vip["vip_id"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return (string)vip["vip_id"]!;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            default:
                throw AviRequestException.BadRequest($"Field 'vip[{index}].vip_id' must be a string");
        }
    }

    private static JsonObject AddressNode(IPAddress address) => new()
    {
        ["addr"] = address.ToString(),
        ["type"] = address.AddressFamily == AddressFamily.InterNetwork ? "V4" : "V6",
    };
}
