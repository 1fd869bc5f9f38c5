using System.Globalization;
using System.Text.Json.Nodes;
using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;
using AkoActors.Domain.Networking;

namespace AkoActors.Avi.Codec;

/// <summary>vsvip: one vip (id "0") from the VIP network's IPAM, and the FQDNs in <c>dns_info</c>.</summary>
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
        JsonWrite.Ref(json, "vrf_context_ref", AviObjectTypes.VrfContext, vsvip.VrfName);

        var vips = json["vip"] as JsonArray;
        var vip = vips?.OfType<JsonObject>().FirstOrDefault() ?? new JsonObject();
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
        vip["ipam_network_subnet"] = subnet;
        if (vsvip.PreferredIp is { } preferred)
        {
            vip["ip_address"] = JsonWrite.IpAddress(preferred, preferred.Contains(':', StringComparison.Ordinal) ? "V6" : "V4");
        }
        json["vip"] = new JsonArray(vip.Parent is null ? vip : vip.DeepClone());
        json["dns_info"] = new JsonArray(vsvip.Fqdns.Select(f => (JsonNode?)new JsonObject { ["fqdn"] = f }).ToArray());
        JsonWrite.Set(json, "bgp_peer_labels",
            vsvip.BgpPeerLabels.IsEmpty ? null : new JsonArray(vsvip.BgpPeerLabels.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()));
        JsonWrite.Meta(json, vsvip.Meta);
        AkoChecksum.MarkWritten(json, AkoChecksum.VsVipField);
        return json;
    }

    public AviObjectSpec Read(JsonObject json)
    {
        var vip = JsonRead.Objects(json["vip"]).FirstOrDefault();
        var subnet = vip?["ipam_network_subnet"] as JsonObject;
        string? cidr = null;
        if (subnet?["subnet"] is JsonObject s && JsonRead.String(s["ip_addr"]?["addr"]) is { } address && JsonRead.Int(s["mask"]) is { } mask)
        {
            cidr = $"{address}/{mask.ToString(CultureInfo.InvariantCulture)}";
        }
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
        };
    }

    public AviObjectSpec Observe(AviObjectSpec written, JsonObject response) =>
        ((VsVipSpec)written) with { AllocatedIp = AllocatedIp(response) };

    private static string? AllocatedIp(JsonObject json) =>
        JsonRead.Objects(json["vip"]).Select(v => JsonRead.String(v["ip_address"]?["addr"])).FirstOrDefault(a => a is not null);
}
