using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace AkoActors.AviSim.Tests.Support;

/// <summary>Bodies for the less common object types, shaped like AKO's (shard VS tree, L4 policy, certificate).</summary>
public static class ShapeBodies
{
    public static JsonObject PoolGroup(string name, string poolName) => new()
    {
        ["name"] = name,
        ["created_by"] = "ako-c1",
        ["implicit_priority_labels"] = true,
        ["members"] = new JsonArray(new JsonObject
        {
            ["pool_ref"] = $"/api/pool/?name={poolName}", ["ratio"] = 100, ["priority_label"] = "host.ako.example.com/",
        }),
    };

    public static JsonObject DataScript(string name, string poolGroupName) => new()
    {
        ["name"] = name,
        ["created_by"] = "ako-c1",
        ["datascript"] = new JsonArray(new JsonObject
        {
            ["evt"] = "VS_DATASCRIPT_EVT_HTTP_REQ",
            ["script"] = $"host = avi.http.get_host_tokens(1)\navi.poolgroup.select(\"{poolGroupName}\", string.lower(host))",
        }),
        ["pool_group_refs"] = new JsonArray($"/api/poolgroup/?name={poolGroupName}"),
    };

    public static JsonObject HttpPolicy(string name, string poolGroupName) => new()
    {
        ["name"] = name,
        ["created_by"] = "ako-c1",
        ["http_request_policy"] = new JsonObject
        {
            ["rules"] = new JsonArray(new JsonObject
            {
                ["name"] = "r0", ["index"] = 0, ["enable"] = true,
                ["match"] = new JsonObject
                {
                    ["host_hdr"] = new JsonObject { ["match_criteria"] = "HDR_EQUALS", ["value"] = new JsonArray("host.ako.example.com") },
                    ["path"] = new JsonObject { ["match_criteria"] = "BEGINS_WITH", ["match_case"] = "SENSITIVE", ["match_str"] = new JsonArray("/") },
                },
                ["switching_action"] = new JsonObject
                {
                    ["action"] = "HTTP_SWITCHING_SELECT_POOLGROUP", ["pool_group_ref"] = $"/api/poolgroup/?name={poolGroupName}",
                },
            }),
        },
    };

    public static JsonObject L4Policy(string name, string poolName) => new()
    {
        ["name"] = name,
        ["created_by"] = "ako-c1",
        ["is_internal_policy"] = false,
        ["markers"] = new JsonArray(new JsonObject { ["key"] = "clustername", ["values"] = new JsonArray("c1") }),
        ["l4_connection_policy"] = new JsonObject
        {
            ["rules"] = new JsonArray(new JsonObject
            {
                ["name"] = $"/api/pool?name={poolName}",
                ["index"] = 0,
                ["enable"] = true,
                ["match"] = new JsonObject
                {
                    ["port"] = new JsonObject { ["match_criteria"] = "IS_IN", ["ports"] = new JsonArray(80) },
                    ["protocol"] = new JsonObject { ["match_criteria"] = "IS_IN", ["protocol"] = "PROTOCOL_TCP" },
                },
                ["action"] = new JsonObject
                {
                    ["select_pool"] = new JsonObject { ["action_type"] = "L4_RULE_ACTION_SELECT_POOL", ["pool_ref"] = $"/api/pool/?name={poolName}" },
                },
            }),
        },
    };

    public static JsonObject Certificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=host.ako.example.com", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return new JsonObject
        {
            ["name"] = name,
            ["type"] = "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
            ["created_by"] = "ako-c1",
            ["certificate"] = new JsonObject { ["certificate"] = certificate.ExportCertificatePem() },
            ["key"] = key.ExportPkcs8PrivateKeyPem(),
        };
    }
}
