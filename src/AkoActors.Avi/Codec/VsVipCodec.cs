using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Networking;

namespace AkoActors.Avi.Codec;

/// <summary>vsvip: one vip (id "0") from the VIP network's IPAM (IPv4, IPv6 or both: <c>auto_allocate_ip_type</c> with the
/// network's <c>subnet6</c>), and the FQDNs in <c>dns_info</c>; during a VIP network move
/// (<see cref="VsVipSpec.MovesInPlace"/>) also the entries of the network it leaves that are still kept; on AWS, Azure and
/// OpenStack one entry per VIP network by <c>subnet_uuid</c> (<see cref="VsVipSpec.SubnetVips"/>).</summary>
/// <remarks>On update the existing vip entry is amended, not replaced, so its allocated address and the controller's
/// own fields stay; replacing it would read to the controller as a request for a new VIP.</remarks>
public sealed class VsVipCodec : IAviSpecCodec
{
    private const string VipId = "0";

    public string Type => AviObjectTypes.VsVip;

    public JsonObject Write(AviObjectSpec spec, JsonObject? existing)
    {
        var vsvip = (VsVipSpec)spec;
        var json = existing?.DeepClone().AsObject() ?? [];
        json["name"] = vsvip.Name;
        JsonWrite.Ref(json, "cloud_ref", AviObjectTypes.Cloud, vsvip.CloudName);
        // On a tier-1 router AKO leaves the VRF out: the controller takes the router's.
        JsonWrite.Ref(json, "vrf_context_ref", AviObjectTypes.VrfContext, vsvip.VrfName.Length == 0 ? null : vsvip.VrfName);
        JsonWrite.Set(json, "tier1_lr", vsvip.Tier1Lr is null ? null : JsonValue.Create(vsvip.Tier1Lr));

        json["vip"] = !vsvip.SubnetVips.IsEmpty ? SubnetVips(vsvip, json["vip"] as JsonArray)
            : vsvip.MovesInPlace ? MovedVips(vsvip, json["vip"] as JsonArray)
            : new JsonArray(Amend(vsvip, FirstVip(json["vip"] as JsonArray)));
        json["dns_info"] = new JsonArray(vsvip.Fqdns.Select(f => (JsonNode?)new JsonObject { ["fqdn"] = f }).ToArray());
        JsonWrite.Set(json, "bgp_peer_labels",
            vsvip.BgpPeerLabels.IsEmpty ? null : new JsonArray(vsvip.BgpPeerLabels.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()));
        JsonWrite.Meta(json, vsvip.Meta);
        AkoChecksum.MarkWritten(json, AkoChecksum.VsVipField);
        return json;
    }

    /// <summary>One vip: the existing first entry amended (its address and the controller's fields kept), or a new one.</summary>
    private static JsonObject FirstVip(JsonArray? vips) =>
        vips?.OfType<JsonObject>().FirstOrDefault()?.DeepClone().AsObject() ?? new JsonObject { ["vip_id"] = VipId };

    /// <summary>A VIP network move: the entry on the wanted network (amended, or added under the next vip_id) and, unchanged,
    /// the entries of other networks the spec keeps; any other entry is left out, which releases its address.</summary>
    private static JsonArray MovedVips(VsVipSpec vsvip, JsonArray? existing)
    {
        var entries = existing?.OfType<JsonObject>().ToList() ?? [];
        var written = new JsonArray();
        var amended = false;
        foreach (var entry in entries)
        {
            var id = JsonRead.String(entry, "vip_id");
            if (id is not null && id == vsvip.CurrentVipId)
            {
                written.Add(Amend(vsvip, entry.DeepClone().AsObject()));
                amended = true;
            }
            else if (id is not null && vsvip.KeptVipIds.Contains(id))
            {
                written.Add(entry.DeepClone());
            }
        }
        if (!amended)
        {
            var next = entries.Select(v => int.TryParse(JsonRead.String(v, "vip_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id + 1 : 0)
                .DefaultIfEmpty(0).Max();
            written.Add(Amend(vsvip, new JsonObject { ["vip_id"] = next.ToString(CultureInfo.InvariantCulture) }));
        }
        return written;
    }

    /// <summary>AKO's public-cloud VIPs: one entry per VIP network, naming it by <c>subnet_uuid</c>. An existing entry on a
    /// wanted subnet is amended (its address kept); a new subnet gets the next free <c>vip_id</c> from "1" (AKO numbers
    /// 1..n on every write, so dropping a network would shift the others' ids while the controller keeps each id's address);
    /// an entry on a subnet no longer wanted is left out, which releases its address.</summary>
    private static JsonArray SubnetVips(VsVipSpec vsvip, JsonArray? existing)
    {
        var entries = existing?.OfType<JsonObject>().ToList() ?? [];
        var used = entries.Select(v => int.TryParse(JsonRead.String(v, "vip_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .DefaultIfEmpty(0).Max();
        var written = new JsonArray();
        foreach (var (subnet, index) in vsvip.SubnetVips.Select((s, i) => (s, i)))
        {
            var vip = entries.FirstOrDefault(e => JsonRead.String(e, "subnet_uuid") == subnet)?.DeepClone().AsObject()
                      ?? new JsonObject { ["vip_id"] = (++used).ToString(CultureInfo.InvariantCulture) };
            vip["auto_allocate_ip"] = true;
            vip["subnet_uuid"] = subnet;
            vip.Remove("ipam_network_subnet");
            if (vsvip.AutoAllocateFloatingIp || vip.ContainsKey("auto_allocate_floating_ip"))
            {
                vip["auto_allocate_floating_ip"] = vsvip.AutoAllocateFloatingIp;
            }
            if (index == 0 && vsvip.PreferredIp is { } preferred)
            {
                vip["ip_address"] = JsonWrite.IpAddress(preferred, preferred.Contains(':', StringComparison.Ordinal) ? "V6" : "V4");
            }
            written.Add(vip);
        }
        return written;
    }

    private static JsonObject Amend(VsVipSpec vsvip, JsonObject vip)
    {
        vip["vip_id"] = JsonRead.String(vip, "vip_id") ?? VipId;
        vip["auto_allocate_ip"] = true;
        var subnet = new JsonObject
        {
            ["network_ref"] = AviRefs.Network(vsvip.Network),
        };
        if (vsvip.SubnetCidr is { } cidrText && IpCidr.TryParse(cidrText, out var cidr, out _))
        {
            subnet["subnet"] = JsonWrite.Prefix(cidr);
        }
        if (vsvip.Subnet6Cidr is { } cidr6Text && IpCidr.TryParse(cidr6Text, out var cidr6, out _))
        {
            subnet["subnet6"] = JsonWrite.Prefix(cidr6);
        }
        vip["ipam_network_subnet"] = subnet;
        // Written when IPv6 is asked for (as AKO writes it with a v6cidr), and written back V4_ONLY over another type; the
        // address of a family no longer asked for is left out, which releases it.
        if (vsvip.IpType != VipIpType.V4Only || vip.ContainsKey("auto_allocate_ip_type"))
        {
            vip["auto_allocate_ip_type"] = IpTypeText(vsvip.IpType);
        }
        if (vsvip.IpType == VipIpType.V6Only) vip.Remove("ip_address");
        if (vsvip.IpType == VipIpType.V4Only) vip.Remove("ip6_address");
        // Written when asked for, and written back false when no longer asked for (which releases the floating IP); a vip
        // that never had it is left without it, as AKO leaves it out.
        if (vsvip.AutoAllocateFloatingIp || vip.ContainsKey("auto_allocate_floating_ip"))
        {
            vip["auto_allocate_floating_ip"] = vsvip.AutoAllocateFloatingIp;
        }
        if (vsvip.PreferredIp is { } preferred)
        {
            // As AKO: an IPv6 address asked for is the vip's ip6_address, an IPv4 one its ip_address.
            var v6 = preferred.Contains(':', StringComparison.Ordinal);
            vip[v6 ? "ip6_address" : "ip_address"] = JsonWrite.IpAddress(preferred, v6 ? "V6" : "V4");
        }
        return vip;
    }

    private static string IpTypeText(VipIpType type) => type switch
    {
        VipIpType.V6Only => "V6_ONLY",
        VipIpType.V4V6 => "V4_V6",
        _ => "V4_ONLY",
    };

    private static VipIpType IpTypeOf(JsonObject? vip) => JsonRead.String(vip?["auto_allocate_ip_type"]) switch
    {
        "V6_ONLY" => VipIpType.V6Only,
        "V4_V6" => VipIpType.V4V6,
        _ => VipIpType.V4Only,
    };

    private static string? Cidr6Of(JsonObject? vip) =>
        vip?["ipam_network_subnet"]?["subnet6"] is JsonObject s && JsonRead.String(s["ip_addr"]?["addr"]) is { } address && JsonRead.Int(s["mask"]) is { } mask
            ? $"{address}/{mask.ToString(CultureInfo.InvariantCulture)}"
            : null;

    private static AviNetworkRef NetworkOf(JsonObject vip) =>
        vip["ipam_network_subnet"] is JsonObject subnet ? AviRefs.NetworkOf(JsonRead.String(subnet, "network_ref")) : new AviNetworkRef(string.Empty, null);

    private static string? CidrOf(JsonObject? vip) =>
        vip?["ipam_network_subnet"]?["subnet"] is JsonObject s && JsonRead.String(s["ip_addr"]?["addr"]) is { } address && JsonRead.Int(s["mask"]) is { } mask
            ? $"{address}/{mask.ToString(CultureInfo.InvariantCulture)}"
            : null;

    private static EquatableArray<VsVipEntry> Entries(JsonObject json) =>
        JsonRead.Objects(json["vip"])
            .Select((v, i) => new VsVipEntry(JsonRead.String(v, "vip_id") ?? i.ToString(CultureInfo.InvariantCulture), NetworkOf(v), CidrOf(v),
                JsonRead.String(v["ip_address"]?["addr"])) { FloatingIp = FloatingIpOf(v), SubnetUuid = JsonRead.String(v, "subnet_uuid"), Address6 = JsonRead.String(v["ip6_address"]?["addr"]),
                IpType = IpTypeOf(v), Subnet6Cidr = Cidr6Of(v) })
            .ToEquatableArray();

    private static string? FloatingIpOf(JsonObject? vip) => JsonRead.String(vip?["floating_ip"]?["addr"]);

    public AviObjectSpec Read(JsonObject json)
    {
        var vip = JsonRead.Objects(json["vip"]).FirstOrDefault();
        var subnet = vip?["ipam_network_subnet"] as JsonObject;
        var cidr = CidrOf(vip);
        return new VsVipSpec(
            JsonRead.String(json, "name") ?? string.Empty,
            subnet is null ? string.Empty : JsonRead.RefName(subnet, "network_ref"),
            cidr,
            null,
            JsonRead.Objects(json["dns_info"]).Select(d => JsonRead.String(d, "fqdn")).OfType<string>().ToEquatableArray(),
            JsonRead.RefName(json, "cloud_ref"),
            JsonRead.RefName(json, "vrf_context_ref"),
            JsonRead.Meta(json, hasCreatedBy: false, hasServiceMetadata: false),
            AllocatedIp(json))
        {
            NetworkUuid = subnet is null ? null : AviRefs.UuidOf(JsonRead.String(subnet, "network_ref")),
            BgpPeerLabels = JsonRead.Strings(json["bgp_peer_labels"]).ToEquatableArray(),
            Tier1Lr = JsonRead.String(json, "tier1_lr"),
            AutoAllocateFloatingIp = vip?["auto_allocate_floating_ip"] is JsonValue floating && floating.TryGetValue<bool>(out var asked) && asked,
            FloatingIp = FloatingIp(json),
            Vips = Entries(json),
            SubnetVips = JsonRead.Objects(json["vip"]).Select(v => JsonRead.String(v, "subnet_uuid")).OfType<string>().ToEquatableArray(),
            IpType = IpTypeOf(vip),
            Subnet6Cidr = Cidr6Of(vip),
            AllocatedIp6 = AllocatedIp6(json),
        };
    }

    public AviObjectSpec Observe(AviObjectSpec written, JsonObject response) =>
        ((VsVipSpec)written) with { AllocatedIp = AllocatedIp(response), AllocatedIp6 = AllocatedIp6(response), FloatingIp = FloatingIp(response), Vips = Observed((VsVipSpec)written, Entries(response)) };

    /// <summary>A write's response carries references without names: the entry written for the spec's network is that network
    /// (as the spec names it, with the subnet it asked for); a kept entry keeps the uuid it has, which is not the spec's network.</summary>
    private static EquatableArray<VsVipEntry> Observed(VsVipSpec written, EquatableArray<VsVipEntry> entries) =>
        entries.Select(e => written.KeptVipIds.Contains(e.VipId) || e.SubnetUuid is not null
                ? e
                : e with { Network = new AviNetworkRef(written.NetworkName, written.NetworkUuid ?? e.Network.Uuid), SubnetCidr = written.SubnetCidr, Subnet6Cidr = written.Subnet6Cidr })
            .ToEquatableArray();

    private static string? FloatingIp(JsonObject json) =>
        JsonRead.Objects(json["vip"]).Select(FloatingIpOf).FirstOrDefault(a => a is not null);

    private static string? AllocatedIp6(JsonObject json) =>
        JsonRead.Objects(json["vip"]).Select(v => JsonRead.String(v["ip6_address"]?["addr"])).FirstOrDefault(a => a is not null);

    private static string? AllocatedIp(JsonObject json) =>
        JsonRead.Objects(json["vip"]).Select(v => JsonRead.String(v["ip_address"]?["addr"])).FirstOrDefault(a => a is not null);
}
