using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkoActors.AviSim.Dns;
using AkoActors.AviSim.Rules;
using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>Fields a controller computes rather than stores from the client: a VS's <c>vip</c> (from its
/// vsvip, so a vsvip change shows at once), a parent's <c>vh_child_vs_uuid</c>, and the DNS VS's
/// <c>ipam_dns_records</c>. Computed on read, under the store gate.</summary>
internal sealed class DerivedFields(ObjectStore store, VirtualServiceRules virtualServices, DnsRecordTable dns)
{
    public byte[]? For(StoredObject stored)
    {
        if (stored.Type.Name != "virtualservice")
        {
            return null;
        }
        var derived = new JsonObject();
        if (stored.Document["vsvip_ref"] is JsonValue vsvipRef &&
            store.TryGet(ObjectRef.UuidOfCanonical(vsvipRef.GetValue<string>()), out var vsvip) &&
            vsvip.Document["vip"] is JsonArray vips)
        {
            derived["vip"] = vips.DeepClone();
        }
        if (stored.Document["type"]?.GetValue<string>() == VirtualServiceRules.Parent)
        {
            var children = virtualServices.ChildrenOf(stored.Uuid).Select(c => (JsonNode)c.Uuid).ToArray();
            if (children.Length > 0)
            {
                derived["vh_child_vs_uuid"] = new JsonArray(children);
            }
        }
        if (IsDnsVirtualService(stored.Uuid))
        {
            derived["ipam_dns_records"] = IpamDnsRecords();
        }
        return derived.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(derived);
    }

    private bool IsDnsVirtualService(string uuid) =>
        store.TryGet("default", out var config) &&
        config.Document["dns_virtualservice_refs"] is JsonArray refs &&
        refs.Any(r => r is JsonValue v && ObjectRef.UuidOfCanonical(v.GetValue<string>()) == uuid);

    private JsonArray IpamDnsRecords()
    {
        var records = new JsonArray();
        foreach (var group in dns.ServedRecords().GroupBy(r => (r.OwnerUuid, r.Fqdn)))
        {
            var first = group.First();
            var record = new JsonObject
            {
                ["description"] = first.Description,
                ["algorithm"] = "DNS_RECORD_RESPONSE_CONSISTENT_HASH",
                ["num_records_in_response"] = 1,
                ["type"] = "DNS_RECORD_A",
                ["fqdn"] = new JsonArray(first.Fqdn),
                ["ttl"] = first.Ttl,
                ["delegated"] = false,
                ["wildcard_match"] = false,
                ["ip_address"] = new JsonArray(group.Where(r => !r.IsIpv6)
                    .Select(r => (JsonNode)new JsonObject
                    {
                        ["ip_address"] = new JsonObject { ["type"] = "V4", ["addr"] = r.Address.ToString() },
                    })
                    .ToArray()),
            };
            // An IPv6 VIP's AAAA data goes beside the A data, as the controller's DnsRecord holds both (left out when empty).
            var v6 = group.Where(r => r.IsIpv6).ToList();
            if (v6.Count > 0)
            {
                record["ip6_address"] = new JsonArray(v6.Select(r => (JsonNode)new JsonObject
                {
                    ["ip6_address"] = new JsonObject { ["type"] = "V6", ["addr"] = r.Address.ToString() },
                }).ToArray());
            }
            record["metadata"] = Fnv32(first.Fqdn + "|" + first.OwnerUuid).ToString("x8", CultureInfo.InvariantCulture);
            records.Add(record);
        }
        return records;
    }

    private static uint Fnv32(string text)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }
}
