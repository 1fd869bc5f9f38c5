using System.Text.Json.Nodes;

namespace AkoActors.AviSim.Tests.Support;

/// <summary>Request bodies shaped like the ones AKO sends, for the default (seed article) profile.</summary>
public static class Bodies
{
    public static JsonObject VsVip(string name, params string[] fqdns) => new()
    {
        ["name"] = name,
        ["cloud_ref"] = "/api/cloud/?name=Default-Cloud",
        ["vrf_context_ref"] = "/api/vrfcontext/?name=global",
        ["vip"] = new JsonArray(new JsonObject
        {
            ["vip_id"] = "0",
            ["auto_allocate_ip"] = true,
            ["ipam_network_subnet"] = new JsonObject
            {
                ["network_ref"] = "/api/network/?name=alb-vip",
                ["subnet"] = new JsonObject
                {
                    ["ip_addr"] = new JsonObject { ["addr"] = "172.16.251.0", ["type"] = "V4" },
                    ["mask"] = 24,
                },
            },
        }),
        ["dns_info"] = new JsonArray(fqdns.Select(f => (JsonNode)new JsonObject { ["fqdn"] = f }).ToArray()),
    };

    public static JsonObject Pool(string name, string createdBy = "ako-c1", params string[] serverIps) => new()
    {
        ["name"] = name,
        ["created_by"] = createdBy,
        ["cloud_ref"] = "/api/cloud/?name=Default-Cloud",
        ["health_monitor_refs"] = new JsonArray("/api/healthmonitor/?name=System-TCP"),
        ["servers"] = new JsonArray(serverIps.Select(ip => (JsonNode)new JsonObject
        {
            ["ip"] = new JsonObject { ["addr"] = ip, ["type"] = "V4" },
            ["port"] = 8080,
            ["enabled"] = true,
        }).ToArray()),
        ["markers"] = new JsonArray(new JsonObject { ["key"] = "clustername", ["values"] = new JsonArray("c1") }),
        ["service_metadata"] = "{\"namespace_svc_name\":[\"default/web\"]}",
    };

    public static JsonObject VirtualService(string name, string vsvipName, string type = "VS_TYPE_NORMAL") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["created_by"] = "ako-c1",
        ["vsvip_ref"] = $"/api/vsvip/?name={vsvipName}",
        ["cloud_ref"] = "/api/cloud/?name=Default-Cloud",
        ["se_group_ref"] = "/api/serviceenginegroup/?name=Default-Group",
        ["application_profile_ref"] = "/api/applicationprofile/?name=System-HTTP",
        ["services"] = new JsonArray(new JsonObject { ["port"] = 80 }, new JsonObject { ["port"] = 443, ["enable_ssl"] = true }),
    };
}
