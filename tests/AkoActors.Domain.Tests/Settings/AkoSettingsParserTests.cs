using AkoActors.Domain.Collections;
using AkoActors.Domain.Settings;

namespace AkoActors.Domain.Tests.Settings;

public class AkoSettingsParserTests
{
    private static Dictionary<string, string> Minimal() => new()
    {
        ["clusterName"] = "avi-cluster",
        ["vipNetworkList"] = """[{"networkName": "alb-vip", "cidr": "172.16.251.0/24"}]""",
    };

    [Fact]
    public void Defaults_follow_what_AKO_does_when_a_key_is_absent()
    {
        var result = AkoSettingsParser.Parse(Minimal());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var s = result.Settings!;
        Assert.Equal("avi-cluster", s.ClusterName);
        // AKO's GetshardSize: SHARD_VS_SIZE absent (or unknown) means one shard; the chart writes LARGE explicitly.
        Assert.Equal(ShardVsSize.Small, s.ShardVsSize);
        Assert.Null(result.UnsupportedWarning);
        Assert.Equal(PoolServerMode.ClusterIp, s.ServiceType);
        Assert.Equal("Default-Cloud", s.CloudName);
        Assert.Equal("Default-Group", s.ServiceEngineGroupName);
        Assert.Equal("admin", s.TenantName);
        Assert.Equal("global", s.EffectiveVrf);
        Assert.True(s.DefaultLbController);
        Assert.True(s.DefaultIngController);
        Assert.Equal(AutoFqdnMode.Default, s.AutoFqdn);
        Assert.Equal(TimeSpan.FromMinutes(30), s.FullSyncInterval);
        Assert.Equal([new VipNetwork("alb-vip", "172.16.251.0/24")], s.VipNetworks);
    }

    [Fact]
    public void Seed_article_legacy_network_keys_become_a_vip_network()
    {
        var data = new Dictionary<string, string>
        {
            ["clusterName"] = "avi-cluster",
            ["networkName"] = "alb-vip",
            ["subnetIP"] = "172.16.251.0",
            ["subnetPrefix"] = "255.255.255.0",
            ["shardVSSize"] = "SMALL",
            ["controllerVersion"] = "20.1.3",
            ["controllerIP"] = "172.16.250.1",
        };

        var s = AkoSettingsParser.Parse(data).Settings!;

        Assert.Equal([new VipNetwork("alb-vip", "172.16.251.0/24")], s.VipNetworks);
        Assert.Equal(ShardVsSize.Small, s.ShardVsSize);
        Assert.Equal("20.1.3", s.ControllerVersion);
    }

    [Theory]
    [InlineData("shardVSSize", "HUGE", "L7Settings.shardVSSize", "is not one of LARGE, MEDIUM, SMALL, DEDICATED")]
    [InlineData("serviceType", "LoadBalancer", "L7Settings.serviceType", "is not one of ClusterIP, NodePort")]
    [InlineData("autoFQDN", "short", "L4Settings.autoFQDN", "is not one of default, flat, disabled")]
    [InlineData("enableEvents", "yes", "AKOSettings.enableEvents", "is not a boolean")]
    [InlineData("logLevel", "TRACE", "AKOSettings.logLevel", "is not one of INFO, DEBUG, WARN, ERROR")]
    [InlineData("fullSyncFrequency", "1h", "AKOSettings.fullSyncFrequency", "whole number of seconds")]
    [InlineData("clusterName", "my cluster", "AKOSettings.clusterName", "only letters, digits")]
    [InlineData("vipNetworkList", "[{\"networkName\": \"n\", \"cidr\": \"10.0.0.1/24\"}]", "NetworkSettings.vipNetworkList", "host bits set")]
    [InlineData("vipNetworkList", "{not json", "NetworkSettings.vipNetworkList", "is not valid JSON")]
    [InlineData("blockedNamespaceList", "[1, 2]", "AKOSettings.blockedNamespaceList", "list of names")]
    public void A_bad_value_is_refused_naming_the_key_and_what_is_allowed(string key, string value, string named, string message)
    {
        var data = Minimal();
        data[key] = value;

        var result = AkoSettingsParser.Parse(data);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(named, error.Key);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Cluster_name_and_vip_network_are_required()
    {
        var result = AkoSettingsParser.Parse(new Dictionary<string, string>());

        Assert.Contains(result.Errors, e => e.Key.StartsWith("AKOSettings.clusterName") && e.Message.Contains("required"));
        Assert.Contains(result.Errors, e => e.Key.StartsWith("NetworkSettings.vipNetworkList") && e.Message.Contains("alb-vip"));
    }

    [Fact]
    public void A_v6cidr_is_read_as_its_prefix_as_akos_own_example_writes_it_with_an_address()
    {
        var data = Minimal();
        data["vipNetworkList"] = """[{"networkName": "net1", "cidr": "100.1.1.0/24", "v6cidr": "2002::1234:abcd:ffff:c0a8:101/64"}]""";

        var parsed = AkoSettingsParser.Parse(data);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(new VipNetwork("net1", "100.1.1.0/24", "2002:0:0:1234::/64"), parsed.Settings!.VipNetworks[0]);
    }

    [Fact]
    public void An_empty_vip_network_list_is_refused()
    {
        var data = Minimal();
        data["vipNetworkList"] = "[]";

        var error = Assert.Single(AkoSettingsParser.Parse(data).Errors);

        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public void Namespace_filters_combine_block_list_and_label_selector()
    {
        var data = Minimal();
        data["blockedNamespaceList"] = """["kube-system"]""";
        data["nsSyncLabelKey"] = "ako";
        data["nsSyncLabelValue"] = "on";
        var s = AkoSettingsParser.Parse(data).Settings!;

        Assert.False(s.IsNamespaceHandled("kube-system", new Dictionary<string, string> { ["ako"] = "on" }));
        Assert.True(s.IsNamespaceHandled("red", new Dictionary<string, string> { ["ako"] = "on" }));
        Assert.False(s.IsNamespaceHandled("blue", new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("enableEVH", "true", "AKOSettings.enableEVH (ConfigMap enableEVH, env ENABLE_EVH)")]
    [InlineData("vipPerNamespace", "true", "AKOSettings.vipPerNamespace (ConfigMap vipPerNamespace, env VIP_PER_NAMESPACE)")]
    [InlineData("primaryInstance", "false", "AKOSettings.primaryInstance (ConfigMap primaryInstance, env PRIMARY_AKO_FLAG)")]
    [InlineData("serviceType", "NodePortLocal", "L7Settings.serviceType (ConfigMap serviceType, env SERVICE_TYPE)")]
    public void Settings_that_would_change_names_or_the_data_path_stop_the_start_naming_the_key(string key, string value, string described)
    {
        var data = Minimal();
        data[key] = value;

        var result = AkoSettingsParser.Parse(data);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(described, error.Key);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Akos_own_recorded_configmap_starts_with_no_warning_its_keys_are_defaults_or_applied()
    {
        // The values AKO ran with in ../shared/fixtures/ako-made (ConfigMap avi-k8s-config), apiServerPort aside.
        var data = Minimal();
        foreach (var (key, value) in new Dictionary<string, string>
                 {
                     ["primaryInstance"] = "true", ["cniPlugin"] = "", ["enableEVH"] = "false", ["vipPerNamespace"] = "false",
                     ["servicesAPI"] = "false", ["istioEnabled"] = "false", ["ipFamily"] = "", ["useDefaultSecretsOnly"] = "false",
                     ["enableRHI"] = "false", ["nsxtT1LR"] = "", ["bgpPeerLabels"] = "[]", ["noPGForSNI"] = "false",
                     ["passthroughShardSize"] = "SMALL", ["enableMCI"] = "false", ["fqdnReusePolicy"] = "InterNamespaceAllowed",
                     ["enablePrometheus"] = "false", ["enableEndpointSlice"] = "true",
                 })
        {
            data[key] = value;
        }

        var result = AkoSettingsParser.Parse(data);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Null(result.UnsupportedWarning);
    }

    [Fact]
    public void Set_but_unsupported_settings_are_named_together_in_one_warning_with_what_happens_instead()
    {
        var data = Minimal();
        data["cniPlugin"] = "openshift";
        data["enableRHI"] = "true";
        data["apiServerPort"] = "18391";

        var result = AkoSettingsParser.Parse(data);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var warning = result.UnsupportedWarning!;
        Assert.Contains("AKOSettings.cniPlugin=openshift (pod CIDRs for static routes come from", warning, StringComparison.Ordinal);
        Assert.Contains("NetworkSettings.enableRHI=true (VIPs are not advertised over BGP", warning, StringComparison.Ordinal);
        Assert.Contains("AKOSettings.apiServerPort=18391 (health and metrics are served on the --http-port option", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vip_network_may_be_named_by_uuid_and_an_entry_with_neither_name_nor_uuid_is_refused()
    {
        var data = Minimal();
        data["vipNetworkList"] = """[{"networkUUID": "dvportgroup-4167-cloud-d4b24fc7", "cidr": "10.1.1.0/24"}, {"networkName": "second"}]""";

        var parsed = AkoSettingsParser.Parse(data);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(new VipNetwork(string.Empty, "10.1.1.0/24", null, "dvportgroup-4167-cloud-d4b24fc7"), parsed.Settings!.VipNetworks[0]);
        Assert.Equal("second", parsed.Settings.VipNetworks[1].NetworkName);

        Assert.Contains("entries after the first (second)", parsed.UnsupportedWarning, StringComparison.Ordinal);

        data["vipNetworkList"] = """[{"cidr": "10.1.1.0/24"}]""";
        Assert.Contains(AkoSettingsParser.Parse(data).Errors, e => e.Message.Contains("networkName or a networkUUID", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_network_list_is_applied_by_name_or_uuid_with_cidrs_read_as_ako_reads_them_and_no_warning()
    {
        var data = Minimal();
        // AKO's own values.yaml example writes 10.0.0.1/24: Go's net.ParseCIDR takes any address of the prefix.
        data["nodeNetworkList"] = """
            [{"networkName": "k8s-nodes", "cidrs": ["10.0.0.1/24", "fd00:10::/64"]},
             {"networkName": "net-by-uuid", "networkUUID": "dvportgroup-4167-cloud-d4b24fc7", "cidrs": ["11.0.0.0/24"]},
             {"networkUUID": "network-2"}]
            """;

        var parsed = AkoSettingsParser.Parse(data);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(
        [
            new NodeNetwork("k8s-nodes", new[] { "10.0.0.0/24", "fd00:10::/64" }.ToEquatableArray()),
            new NodeNetwork("net-by-uuid", new[] { "11.0.0.0/24" }.ToEquatableArray(), "dvportgroup-4167-cloud-d4b24fc7"),
            new NodeNetwork(string.Empty, EquatableArray<string>.Empty, "network-2"),
        ], parsed.Settings!.NodeNetworks);
        Assert.Null(parsed.UnsupportedWarning);
    }

    [Theory]
    [InlineData("[]", 0)]
    [InlineData("null", 0)]
    [InlineData("", 0)]
    public void An_empty_node_network_list_as_akos_chart_renders_it_is_no_network(string value, int count)
    {
        var data = Minimal();
        data["nodeNetworkList"] = value;

        var parsed = AkoSettingsParser.Parse(data);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(count, parsed.Settings!.NodeNetworks.Count);
    }

    [Theory]
    [InlineData("""[{"cidrs": ["10.0.0.0/24"]}]""", "every entry needs a networkName or a networkUUID")]
    [InlineData("""[{"networkName": "k8s-nodes", "cidrs": ["10.0.0.0/33"]}]""", "network k8s-nodes: '33' in '10.0.0.0/33' is not a prefix length")]
    [InlineData("""[{"networkName": "k8s-nodes", "cidrs": ["nodes"]}]""", "network k8s-nodes: 'nodes' is not a CIDR")]
    [InlineData("""[{"networkName": "k8s-nodes", "cidrs": "10.0.0.0/24"}]""", "network k8s-nodes: cidrs must be a list of CIDRs")]
    [InlineData("""{"networkName": "k8s-nodes"}""", "must be a list of {networkName or networkUUID, cidrs}")]
    [InlineData("""[{"networkName": "n1"}, {"networkName": "n2"}, {"networkName": "n3"}, {"networkName": "n4"}, {"networkName": "n5"}, {"networkName": "n6"}]""",
        "has 6 entries; AKO allows at most 5")]
    public void A_node_network_list_ako_would_refuse_stops_the_start_naming_the_key(string value, string message)
    {
        var data = Minimal();
        data["nodeNetworkList"] = value;

        var parsed = AkoSettingsParser.Parse(data);

        var error = Assert.Single(parsed.Errors);
        Assert.StartsWith("NetworkSettings.nodeNetworkList (ConfigMap nodeNetworkList, env NODE_NETWORK_LIST)", error.Key, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calico", "calico")]
    [InlineData("Antrea", "antrea")]
    [InlineData("ovn-kubernetes", "ovn-kubernetes")]
    [InlineData("cilium", "cilium")]
    public void The_cni_plugins_whose_pod_cidrs_are_read_as_ako_reads_them_are_applied_without_a_warning(string value, string applied)
    {
        var data = Minimal();
        data["cniPlugin"] = value;

        var result = AkoSettingsParser.Parse(data);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(applied, result.Settings!.CniPlugin);
        Assert.Null(result.UnsupportedWarning);
    }

    [Fact]
    public void Every_key_of_akos_values_file_is_applied_or_accounted_for()
    {
        // The ConfigMap keys AKO's chart renders from values.yaml (helm/ako/templates/configmap.yaml).
        string[] akoKeys =
        [
            "controllerIP", "controllerVersion", "cniPlugin", "shardVSSize", "passthroughShardSize", "fullSyncFrequency", "cloudName",
            "clusterName", "enableEVH", "layer7Only", "servicesAPI", "vipPerNamespace", "tenantName", "dedicatedTenantMode", "vrfName",
            "defaultDomain", "disableStaticRouteSync", "defaultIngController", "defaultLBController", "noPGForSNI", "enableRHI", "nsxtT1LR",
            "enableEvents", "logLevel", "deleteConfig", "autoFQDN", "nsSyncLabelKey", "nsSyncLabelValue", "serviceType",
            "serviceEngineGroupName", "nodeKey", "nodeValue", "bgpPeerLabels", "nodeNetworkList", "vipNetworkList", "apiServerPort",
            "enableMCI", "blockedNamespaceList", "ipFamily", "istioEnabled", "useDefaultSecretsOnly", "vpcMode", "enablePrometheus",
            "fqdnReusePolicy", "primaryInstance", "enableEndpointSlice",
        ];
        var known = AkoConfigKey.All.Concat(UnsupportedAkoSetting.All.Select(u => u.Key)).Select(k => k.ConfigMapKey).ToHashSet();
        Assert.Equal([], akoKeys.Where(k => !known.Contains(k)).ToArray());
    }
}
