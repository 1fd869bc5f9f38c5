using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace AkoActors.AviSim.Ipam;

/// <summary>Reads a network object's <c>configured_subnets</c> into subnets and VIP ranges: ranges typed
/// STATIC_IPS_FOR_VIP (or ..._AND_SE) in the current schema, and the older untyped <c>static_ranges</c>; an IPv6 prefix's
/// typed ranges as IPv6 ranges.</summary>
internal static class NetworkVipLayout
{
    public static IReadOnlyList<VipSubnet> Read(JsonObject network)
    {
        var subnets = new List<VipSubnet>();
        if (network["configured_subnets"] is not JsonArray configured)
        {
            return subnets;
        }
        foreach (var subnet in configured.OfType<JsonObject>())
        {
            if (subnet["prefix"] is not JsonObject prefix ||
                prefix["ip_addr"]?["addr"]?.GetValue<string>() is not { } addrText ||
                !IPAddress.TryParse(addrText, out var address))
            {
                continue;
            }
            var mask = prefix["mask"]?.GetValue<int>() ?? 32;
            var ranges = new List<VipRange>();
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                subnets.Add(new VipSubnet(address, mask, []) { Ranges6 = V6Ranges(subnet) });
                continue;
            }
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                if (subnet["static_ip_ranges"] is JsonArray typed)
                {
                    foreach (var entry in typed.OfType<JsonObject>())
                    {
                        var kind = entry["type"]?.GetValue<string>() ?? "STATIC_IPS_FOR_VIP_AND_SE";
                        if (kind is "STATIC_IPS_FOR_VIP" or "STATIC_IPS_FOR_VIP_AND_SE" && entry["range"] is JsonObject range &&
                            TryRange(range, out var parsed))
                        {
                            ranges.Add(parsed);
                        }
                    }
                }
                if (subnet["static_ranges"] is JsonArray legacy)
                {
                    foreach (var range in legacy.OfType<JsonObject>())
                    {
                        if (TryRange(range, out var parsed))
                        {
                            ranges.Add(parsed);
                        }
                    }
                }
            }
            subnets.Add(new VipSubnet(address, mask, ranges.OrderBy(r => r.Begin).ToList()));
        }
        return subnets;
    }

    /// <summary>An IPv6 subnet's VIP ranges: only the typed <c>static_ip_ranges</c> (the untyped legacy form predates IPv6).</summary>
    private static List<Vip6Range> V6Ranges(JsonObject subnet)
    {
        var ranges = new List<Vip6Range>();
        foreach (var entry in (subnet["static_ip_ranges"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var kind = entry["type"]?.GetValue<string>() ?? "STATIC_IPS_FOR_VIP_AND_SE";
            if (kind is not ("STATIC_IPS_FOR_VIP" or "STATIC_IPS_FOR_VIP_AND_SE") ||
                entry["range"]?["begin"]?["addr"]?.GetValue<string>() is not { } beginText ||
                entry["range"]?["end"]?["addr"]?.GetValue<string>() is not { } endText ||
                !IPAddress.TryParse(beginText, out var begin) || !IPAddress.TryParse(endText, out var end) ||
                begin.AddressFamily != AddressFamily.InterNetworkV6 || end.AddressFamily != AddressFamily.InterNetworkV6)
            {
                continue;
            }
            var b = IpMath.ToUInt128(begin);
            var e = IpMath.ToUInt128(end);
            if (e >= b)
            {
                ranges.Add(new Vip6Range(b, e));
            }
        }
        return ranges.OrderBy(r => r.Begin).ToList();
    }

    private static bool TryRange(JsonObject range, out VipRange parsed)
    {
        parsed = null!;
        if (range["begin"]?["addr"]?.GetValue<string>() is not { } beginText ||
            range["end"]?["addr"]?.GetValue<string>() is not { } endText ||
            !IPAddress.TryParse(beginText, out var begin) || !IPAddress.TryParse(endText, out var end) ||
            begin.AddressFamily != AddressFamily.InterNetwork || end.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }
        var b = IpMath.ToUInt32(begin);
        var e = IpMath.ToUInt32(end);
        if (e < b)
        {
            return false;
        }
        parsed = new VipRange(b, e);
        return true;
    }
}
