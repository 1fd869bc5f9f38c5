using System.Text.Json.Nodes;
using AkoActors.AviSim.Profiles;

namespace AkoActors.Simulation.Workloads;

/// <summary>The controller simulations and benchmarks run against: AviSim's seed-article profile with the VIP network
/// widened from 100 addresses to a /16 (a burst of thousands of LoadBalancer Services needs thousands of VIPs).</summary>
public static class SimulationAviProfile
{
    public const string VipNetwork = "alb-vip";
    public const string VipCidr = "172.16.0.0/16";

    /// <summary>The addresses IPAM hands out (and accepts when asked for one): the static VIP range of <see cref="VipCidr"/>.</summary>
    public const string VipRangeBegin = "172.16.1.1";

    public const string VipRangeEnd = "172.16.250.254";

    /// <summary>True when a Service asking for <paramref name="address"/> can get it here.</summary>
    public static bool InVipRange(string? address) =>
        System.Net.IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork &&
        Number(ip) >= Number(System.Net.IPAddress.Parse(VipRangeBegin)) && Number(ip) <= Number(System.Net.IPAddress.Parse(VipRangeEnd));

    private static uint Number(System.Net.IPAddress ip) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes());

    public static SeedProfile Create()
    {
        var json = SeedProfile.Default.ToJson();
        json["name"] = "ako-simulation";
        foreach (var entry in json["objects"]!.AsArray())
        {
            if (entry?["type"]?.GetValue<string>() != "network" || entry["body"]?["name"]?.GetValue<string>() != VipNetwork) continue;
            entry["body"]!["configured_subnets"] = new JsonArray(new JsonObject
            {
                ["prefix"] = new JsonObject { ["ip_addr"] = new JsonObject { ["addr"] = "172.16.0.0", ["type"] = "V4" }, ["mask"] = 16 },
                ["static_ip_ranges"] = new JsonArray(new JsonObject
                {
                    ["type"] = "STATIC_IPS_FOR_VIP",
                    // Leaves out 172.16.251.253, the System-DNS VIP the profile sets by hand.
                    ["range"] = new JsonObject
                    {
                        ["begin"] = new JsonObject { ["addr"] = VipRangeBegin, ["type"] = "V4" },
                        ["end"] = new JsonObject { ["addr"] = VipRangeEnd, ["type"] = "V4" },
                    },
                }),
            });
        }
        return SeedProfile.Parse(json.ToJsonString(), isYaml: false);
    }
}
