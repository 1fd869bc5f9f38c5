using System.Text.Json;
using AkoActors.Domain.CustomResources;
using AkoActors.Domain.InfraSettings;
using AkoActors.Domain.Keys;
using AkoActors.Domain.Settings;
using AkoActors.Kubernetes.CustomResources;
using AkoActors.Kubernetes.Snapshots;
using k8s.Models;

namespace AkoActors.Kubernetes.Tests.Snapshots;

/// <summary>Reading an AviInfraSetting as AKO's avinfrasetting.md writes one: every field acted on (none is left for a
/// FieldsNotActedOn event to name), and the status with the generation it was decided for.</summary>
public class AviInfraSettingSnapshotsTests
{
    [Fact]
    public void The_docs_sample_reads_field_by_field_and_names_the_fields_not_acted_on()
    {
        var setting = AviInfraSettingSnapshots.From(Resource("""
            {
              "seGroup": {"name": "compact-se-group"},
              "network": {
                "vipNetworks": [{"networkUUID": "dvportgroup-2167-cloud-d4b24fc7", "cidr": "10.10.10.0/24", "v6cidr": "2002::1234:abcd:ffff:c0a8:101/64"}],
                "nodeNetworks": [{"networkName": "node-network-10-10-20-0-24", "cidrs": ["10.10.20.0/24"]}],
                "enableRhi": true,
                "listeners": [{"port": 8081, "enableHTTP2": false, "enableSSL": false}, {"port": 6443, "enableSSL": true}],
                "bgpPeerLabels": ["peer1", "peer2"]
              },
              "l7Settings": {"shardSize": "MEDIUM"},
              "nsxSettings": {"t1lr": "/infra/tier1/tier1_974b13d5"}
            }
            """, """{"status": "Accepted", "error": ""}"""));

        Assert.Equal(new AviInfraSettingKey("my-infra-setting"), setting.Key);
        Assert.Equal("compact-se-group", setting.SeGroup);
        Assert.Equal([new VipNetwork(string.Empty, "10.10.10.0/24", "2002::1234:abcd:ffff:c0a8:101/64", "dvportgroup-2167-cloud-d4b24fc7")], setting.VipNetworks);
        var nodes = Assert.Single(setting.NodeNetworks);
        Assert.Equal(("node-network-10-10-20-0-24", (string?)null), (nodes.NetworkName, nodes.NetworkUuid));
        Assert.Equal(["10.10.20.0/24"], nodes.Cidrs);
        Assert.True(setting.EnableRhi);
        Assert.Equal(["peer1", "peer2"], setting.BgpPeerLabels);
        Assert.Equal([new InfraListener(8081, false, false), new InfraListener(6443, true, false)], setting.Listeners);
        Assert.Equal("MEDIUM", setting.ShardSize);
        Assert.Equal(RuleStatus.Accepted, setting.Status);
        Assert.Equal((3L, (long?)2), (setting.Generation, setting.DecidedGeneration));
        Assert.False(setting.IsEffective);
        Assert.True(setting.IsAwaitingCheck);
        Assert.Equal("/infra/tier1/tier1_974b13d5", setting.T1Lr);
        // Every field is acted on, the v6cidr too (LoadBalancer Services and the setting's shared L7 VSes take IPv6 from it).
        Assert.Empty(setting.Ignored);
    }

    [Fact]
    public void A_setting_with_only_what_is_acted_on_names_nothing_and_has_no_status_until_decided()
    {
        var setting = AviInfraSettingSnapshots.From(Resource("""
            {"seGroup": {"name": "g"}, "network": {"vipNetworks": [{"networkName": "vip", "cidr": "10.0.0.0/24"}], "enableRhi": false, "enablePublicIP": true}}
            """, null));

        Assert.Empty(setting.Ignored);
        Assert.Null(setting.Status);
        Assert.False(setting.EnableRhi);
        Assert.True(setting.EnablePublicIp);
        Assert.Empty(setting.NodeNetworks);
    }

    [Fact]
    public void A_given_se_group_keeps_an_empty_name_so_it_is_rejected_and_an_absent_one_is_none()
    {
        Assert.Equal(string.Empty, AviInfraSettingSnapshots.From(Resource("""{"seGroup": {"name": ""}}""", null)).SeGroup);
        Assert.Null(AviInfraSettingSnapshots.From(Resource("""{"network": {}}""", null)).SeGroup);
        Assert.StartsWith("spec.seGroup.name is empty",
            AviInfraSettingValidation.ClusterProblem(AviInfraSettingSnapshots.From(Resource("""{"seGroup": {"name": ""}}""", null))));
    }

    private static CustomResource Resource(string spec, string? status) => new()
    {
        ApiVersion = "ako.vmware.com/v1beta1",
        Kind = "AviInfraSetting",
        Metadata = new V1ObjectMeta
        {
            Name = "my-infra-setting", Uid = "u-1", Generation = 3,
            Annotations = new Dictionary<string, string> { [RuleAdmission.Annotation] = "2" },
        },
        Spec = JsonDocument.Parse(spec).RootElement,
        Status = status is null ? null : JsonDocument.Parse(status).RootElement,
    };
}
