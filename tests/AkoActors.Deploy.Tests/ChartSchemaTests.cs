using AkoActors.Deploy.Tests.Helm;

namespace AkoActors.Deploy.Tests;

/// <summary>values.schema.json refuses wrong types and values before anything is installed, naming the key.</summary>
public class ChartSchemaTests
{
    [SkippableTheory]
    [InlineData("--set-string", "L7Settings.shardVSSize=HUGE", "L7Settings.shardVSSize", "\"LARGE\", \"MEDIUM\", \"SMALL\", \"DEDICATED\"")]
    [InlineData("--set-string", "AKOSettings.logLevel=TRACE", "AKOSettings.logLevel", "\"INFO\", \"DEBUG\", \"WARN\", \"ERROR\"")]
    [InlineData("--set-string", "L7Settings.serviceType=NodePortLocal", "L7Settings.serviceType", "\"ClusterIP\", \"NodePort\"")]
    [InlineData("--set-string", "L4Settings.autoFQDN=short", "L4Settings.autoFQDN", "\"default\", \"flat\", \"disabled\"")]
    [InlineData("--set-string", "AKOSettings.enableEvents=yes", "AKOSettings.enableEvents", "true, false")]
    [InlineData("--set-string", "akoActors.replicaCount=three", "akoActors.replicaCount", "Expected: integer")]
    [InlineData("--set", "akoActors.replicaCount=0", "akoActors.replicaCount", "greater than or equal to 1")]
    [InlineData("--set", "akoActors.discovery.requiredContactPoints=0", "akoActors.discovery.requiredContactPoints", "greater than or equal to 1")]
    [InlineData("--set-string", "AKOSettings.clusterName=my cluster", "AKOSettings.clusterName", "pattern")]
    [InlineData("--set-json", "NetworkSettings.vipNetworkList=[{\"cidr\":\"10.0.0.0/24\"}]", "networkName", "required")]
    [InlineData("--set-json", "NetworkSettings.vipNetworkList={\"networkName\":\"vip\"}", "NetworkSettings.vipNetworkList", "Expected: array")]
    [InlineData("--set-json", "NetworkSettings.nodeNetworkList=[{\"cidrs\":[\"10.0.0.0/24\"]}]", "NetworkSettings.nodeNetworkList.0", "networkName is required")]
    public async Task Schema_refuses_a_bad_value_naming_the_key(string how, string setting, string key, string allowed)
    {
        var refusal = await ChartTemplate.RefuseAsync(how, setting);
        Assert.Contains("values don't meet the specifications of the schema", refusal.StandardError, StringComparison.Ordinal);
        Assert.Contains(key, refusal.StandardError, StringComparison.Ordinal);
        Assert.Contains(allowed, refusal.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Schema_accepts_AKOs_switches_as_strings_and_booleans_and_keys_of_other_AKO_versions()
    {
        await ChartTemplate.RenderAsync("--set", "AKOSettings.layer7Only=true", "--set-string", "AKOSettings.enableEvents=false",
            "--set", "L4Settings.advancedL4=false", "--set-string", "AKOSettings.syncNamespace=default",
            "--set-json", "NetworkSettings.nodeNetworkList=[{\"networkUUID\":\"network-1\",\"cidrs\":[\"10.0.0.1/24\"]}]");
    }
}
