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
    public void Defaults_follow_the_AKO_chart()
    {
        var result = AkoSettingsParser.Parse(Minimal());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var s = result.Settings!;
        Assert.Equal("avi-cluster", s.ClusterName);
        Assert.Equal(ShardVsSize.Large, s.ShardVsSize);
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
    [InlineData("serviceType", "NodePortLocal", "L7Settings.serviceType", "is not one of ClusterIP, NodePort")]
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
}
