using System.Globalization;
using System.Text.Json.Nodes;

namespace AkoActors.AviSim.Api;

/// <summary>The controller-wide singletons: version (<c>initial-data</c>, <c>cluster/version</c>), the cluster
/// object and its runtime state.</summary>
internal sealed class ControllerInfo(string version, int build, DateTimeOffset startedAt)
{
    public string Version { get; } = version;

    public string ClusterUuid { get; } = $"cluster-{Guid.NewGuid()}";

    private string Tag => $"{Version}-{build}";

    private string Date => startedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    public JsonObject VersionObject() => new()
    {
        ["Version"] = Version,
        ["build"] = build,
        ["Date"] = Date,
        ["min_version"] = "15.2",
        ["ProductName"] = "Avi Cloud Controller",
        ["Tag"] = Tag,
    };

    public JsonObject InitialData() => new()
    {
        ["version"] = VersionObject(),
        ["sso"] = false,
        ["banner"] = "",
        ["email_configuration_is_set"] = false,
        ["user_initial_setup"] = false,
        ["setup_failed"] = false,
        ["is_aws_cloud"] = false,
    };

    public JsonObject Cluster(string origin) => new()
    {
        ["url"] = $"{origin}/api/cluster",
        ["uuid"] = ClusterUuid,
        ["name"] = "cluster-0-1",
        ["tenant_ref"] = $"{origin}/api/tenant/admin",
        ["nodes"] = new JsonArray(new JsonObject
        {
            ["name"] = "127.0.0.1",
            ["ip"] = new JsonObject { ["addr"] = "127.0.0.1", ["type"] = "V4" },
            ["vm_hostname"] = "avisim",
        }),
    };

    public JsonObject Runtime() => new()
    {
        ["cluster_state"] = new JsonObject
        {
            ["state"] = "CLUSTER_UP_NO_HA",
            ["up_since"] = Date,
            ["progress"] = 100,
        },
        ["node_states"] = new JsonArray(new JsonObject
        {
            ["name"] = "127.0.0.1",
            ["role"] = "CLUSTER_LEADER",
            ["state"] = "CLUSTER_ACTIVE",
            ["up_since"] = Date,
            ["mgmt_ip"] = new JsonObject { ["addr"] = "127.0.0.1", ["type"] = "V4" },
        }),
    };
}
