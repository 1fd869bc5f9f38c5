using System.Text.Json.Nodes;
using AkoActors.Configuration;
using AkoActors.Domain.Settings;
using AkoActors.Testing;
using AkoActors.Testing.Fixtures;

namespace AkoActors.EndToEnd.Tests;

/// <summary>Issue 15 point 6: <c>NetworkSettings.nodeNetworkList</c> in a values file becomes the <c>placement_networks</c>
/// of every pool on the controller, as AKO writes them on a vCenter cloud (AviSim's default cloud): one entry per CIDR,
/// the network by name or, given <c>networkUUID</c>, as <c>/api/network/&lt;uuid&gt;</c>. A restart with the same list
/// writes nothing; a changed list rewrites each pool in place; a network the controller lacks stops the start naming it.</summary>
public sealed class NodeNetworkTests
{
    private const string L4Pool = "avi-cluster--default-web-TCP-80";
    private const string IngressPool = "avi-cluster--web.ako.example.com_-default-web";

    [Fact]
    public async Task Pools_carry_the_values_files_node_networks_and_a_changed_list_rewrites_them_in_place()
    {
        await using var world = await ControllerWorld.StartAsync(replicas: 0);
        var uuid = world.AviObject("network", "k8s-nodes")!["uuid"]!.GetValue<string>();
        var byName = Settings("""
            nodeNetworkList:
                - networkName: k8s-nodes
                  cidrs: [172.16.250.0/24]
            """);
        var first = await world.StartReplicaAsync("replica-0", options => options with { Settings = byName });
        await world.WaitUntilReadyAsync();

        (await world.Kubectl.RunAsync("create", "deploy", "web", "--image=nginxhellos/demo")).EnsureSuccess();
        (await world.Kubectl.RunAsync("expose", "deploy", "web", "--port=80", "--type=LoadBalancer")).EnsureSuccess();
        (await world.Kubectl.RunAsync("create", "ingress", "web", "--rule=web.ako.example.com/*=web:80")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(
                Placements(world, L4Pool) == $"{uuid} 172.16.250.0/24 V4" && Placements(world, IngressPool) == $"{uuid} 172.16.250.0/24 V4" &&
                HasServers(world, L4Pool) && HasServers(world, IngressPool)),
            "the Service's and the Ingress's pools with their servers, placed on k8s-nodes", TimeSpan.FromSeconds(30));
        // Statuses are written once a whole tree is on the controller: only then is there nothing left for a successor to write.
        foreach (var kind in new[] { "svc", "ingress" })
        {
            await Eventually.HoldsAsync(async () =>
                    (await world.Kubectl.RunAsync("get", kind, "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).StandardOutput.Trim().Length > 0,
                $"{kind} web's address", TimeSpan.FromSeconds(30));
        }

        // The nodes' static routes too (the VRF is written once the Node owners have reported), or the next replica would.
        await Eventually.HoldsAsync(() => Task.FromResult(world.WritesSince().Any(w => w.ObjectType == "vrfcontext" && w.Method == "PUT")),
            "the first replica's VRF write", TimeSpan.FromSeconds(30));

        // Read back, the placement matches what the settings ask for: a restarted replica writes nothing.
        await first.StopAsync();
        var mark = world.AuditMark;
        var second = await world.StartReplicaAsync("replica-1", options => options with { Settings = byName });
        await world.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(
                second.Metrics.ReconcileCount("service", "converged") >= 1 && second.Metrics.ReconcileCount("shared-vs", "converged") >= 1 &&
                second.Metrics.SweepCount >= 1),
            "the restarted replica's Service and shared VS owners to have read and compared, and a sweep", TimeSpan.FromSeconds(60));
        var afterRestart = world.WritesSince(mark);
        Assert.True(afterRestart.Count == 0, $"written after the restart: {string.Join(", ", afterRestart.Select(w => $"{w.Method} {w.ObjectType} {w.Name}"))}");

        // Named by uuid now, with two CIDRs: each pool is rewritten in place (PUT), nothing else.
        await second.StopAsync();
        mark = world.AuditMark;
        var byUuid = Settings($$"""
            nodeNetworkList:
                - networkName: ignored-when-a-uuid-is-given
                  networkUUID: {{uuid}}
                  cidrs: [172.16.250.0/25, 172.16.250.128/25]
            """);
        var third = await world.StartReplicaAsync("replica-2", options => options with { Settings = byUuid });
        await world.WaitUntilReadyAsync();
        const string twoHalves = "{0} 172.16.250.0/25 V4, {0} 172.16.250.128/25 V4";
        await Eventually.HoldsAsync(() => Task.FromResult(
                Placements(world, L4Pool) == string.Format(null, twoHalves, uuid) && Placements(world, IngressPool) == string.Format(null, twoHalves, uuid)),
            "both pools placed on the two halves of k8s-nodes", TimeSpan.FromSeconds(60));
        AssertOnlyPoolPuts(world.WritesSince(mark));

        // The list emptied: the placement networks go, again in place.
        await third.StopAsync();
        mark = world.AuditMark;
        await world.StartReplicaAsync("replica-3", options => options with { Settings = Settings("nodeNetworkList: []") });
        await world.WaitUntilReadyAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(Placements(world, L4Pool) == string.Empty && Placements(world, IngressPool) == string.Empty),
            "both pools without placement networks", TimeSpan.FromSeconds(60));
        AssertOnlyPoolPuts(world.WritesSince(mark));
    }

    [Fact]
    public async Task A_node_network_the_controller_does_not_have_keeps_the_replica_not_ready_naming_the_setting_and_the_network()
    {
        await using var world = await ControllerWorld.StartAsync(replicas: 0);
        var settings = Settings("""
            nodeNetworkList:
                - networkName: k8s-nodes
                  cidrs: [172.16.250.0/24]
                - networkName: no-such-network
                  cidrs: [10.10.0.0/16]
            """);

        var replica = await world.StartReplicaAsync("replica-0", options => options with { Settings = settings });

        var error = await Eventually.GetAsync(() => Task.FromResult(replica.Runtime.LastEnvironmentError), "the environment probe's error", TimeSpan.FromSeconds(30));
        Assert.Contains("network 'no-such-network' does not exist", error, StringComparison.Ordinal);
        Assert.Contains("NetworkSettings.nodeNetworkList", error, StringComparison.Ordinal);
        Assert.False(replica.Runtime.IsReady);
        Assert.DoesNotContain(world.WritesSince(0), w => w.ObjectType is "pool" or "virtualservice" or "vsvip");
    }

    [SkippableFact]
    public void Akos_own_values_and_the_recorded_ako_run_carry_an_empty_node_network_list_and_akos_commented_example_parses_as_ako_reads_it()
    {
        // Shapes relied on: ../shared/fixtures/ako-values/*.yaml are AKO chart values files with `nodeNetworkList: []` and, in
        // ako-default-values.yaml, AKO's commented example (networkName, networkUUID, cidrs 10.0.0.1/24 and 11.0.0.1/24);
        // ako-made/kubernetes.yaml holds the avi-k8s-config ConfigMap AKO ran with and avi-state.json its pools.
        var folder = SharedFolder.Path is { } shared ? Path.Combine(shared, "fixtures") : null;
        Skip.If(folder is null || !File.Exists(Path.Combine(folder, "ako-values", "ako-default-values.yaml")),
            "SKIPPED: ../shared/fixtures/ako-values not found next to the repository");
        var vip = new Dictionary<string, string> { ["vipNetworkList"] = """[{"networkName": "alb-vip"}]""", ["clusterName"] = "c1" };
        foreach (var file in new[] { "ako-default-values.yaml", "seed-article-values.yaml" })
        {
            var parsed = AkoSettingsParser.Parse(AkoSettingsSources.Merge(AkoSettingsSources.FromValuesYaml(File.ReadAllText(Path.Combine(folder!, "ako-values", file))), vip));
            Assert.True(parsed.IsValid, $"{file}: {string.Join("; ", parsed.Errors)}");
            Assert.Empty(parsed.Settings!.NodeNetworks);
        }

        var akoDefault = File.ReadAllText(Path.Combine(folder!, "ako-values", "ako-default-values.yaml"));
        var example = akoDefault.Replace("  nodeNetworkList: []\n", string.Empty, StringComparison.Ordinal)
            .Replace("  # nodeNetworkList:", "  nodeNetworkList:", StringComparison.Ordinal)
            .Replace("  #   - networkName:", "    - networkName:", StringComparison.Ordinal)
            .Replace("  #     networkUUID:", "      networkUUID:", StringComparison.Ordinal)
            .Replace("  #     cidrs:", "      cidrs:", StringComparison.Ordinal)
            .Replace("  #       - 10.0.0.1/24", "        - 10.0.0.1/24", StringComparison.Ordinal)
            .Replace("  #       - 11.0.0.1/24", "        - 11.0.0.1/24", StringComparison.Ordinal);
        var fromExample = AkoSettingsParser.Parse(AkoSettingsSources.Merge(AkoSettingsSources.FromValuesYaml(example), vip));
        Assert.True(fromExample.IsValid, string.Join("; ", fromExample.Errors));
        var network = Assert.Single(fromExample.Settings!.NodeNetworks);
        Assert.Equal(("network-name", "net-4567", "10.0.0.0/24,11.0.0.0/24"), (network.NetworkName, network.NetworkUuid, string.Join(",", network.Cidrs)));

        var akoMade = Path.Combine(folder!, "ako-made");
        Skip.If(!File.Exists(Path.Combine(akoMade, "avi-state.json")), "SKIPPED: ../shared/fixtures/ako-made not found next to the repository");
        var configMap = AkoActors.Yaml.YamlJson.ParseAll(File.ReadAllText(Path.Combine(akoMade, "kubernetes.yaml"))).OfType<JsonObject>()
            .SelectMany(doc => doc["kind"]?.GetValue<string>() == "List" ? doc["items"]!.AsArray().OfType<JsonObject>() : [doc])
            .Single(o => o["kind"]?.GetValue<string>() == "ConfigMap" && o["metadata"]?["name"]?.GetValue<string>() == "avi-k8s-config");
        Assert.Equal("[]", configMap["data"]!["nodeNetworkList"]!.GetValue<string>());
        // So AKO placed no pool: a takeover with the same settings has nothing to add or remove there.
        Assert.All(SharedFolder.LoadAkoMadeAviState()["pool"]!.AsArray().OfType<JsonObject>(), pool => Assert.Null(pool["placement_networks"]));
    }

    /// <summary>The shipped values file (the seed article's setup) with its <c>nodeNetworkList</c> line replaced, through the
    /// same parser a replica started with <c>--values</c> uses.</summary>
    private static AkoSettings Settings(string nodeNetworkList)
    {
        var shipped = File.ReadAllText(Path.Combine(SharedFolder.RepositoryRoot!, "deploy", "values.yaml"));
        Assert.Contains("  nodeNetworkList: []\n", shipped, StringComparison.Ordinal);
        var indented = string.Join("\n", nodeNetworkList.Split('\n').Select(line => "  " + line)) + "\n";
        var parsed = AkoSettingsParser.Parse(AkoSettingsSources.FromValuesYaml(shipped.Replace("  nodeNetworkList: []\n", indented, StringComparison.Ordinal)));
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Settings! with { LogLevel = "INFO" };
    }

    /// <summary>A pool's placement networks as <c>network-uuid subnet type</c>, comma-separated in the order stored.</summary>
    private static string Placements(ControllerWorld world, string pool) =>
        world.AviObject("pool", pool)?["placement_networks"] is JsonArray placements
            ? string.Join(", ", placements.Select(p =>
                $"{AkoActors.Avi.Codec.AviRefs.UuidOf(p!["network_ref"]!.GetValue<string>())} {p["subnet"]!["ip_addr"]!["addr"]}/{p["subnet"]!["mask"]} {p["subnet"]!["ip_addr"]!["type"]}"))
            : world.AviObject("pool", pool) is null ? "no pool" : string.Empty;

    private static bool HasServers(ControllerWorld world, string pool) => world.AviObject("pool", pool)?["servers"] is JsonArray { Count: > 0 };

    private static void AssertOnlyPoolPuts(IReadOnlyList<AkoActors.AviSim.Audit.AuditEntry> writes)
    {
        Assert.All(writes, w => Assert.Equal(("PUT", "pool"), (w.Method, w.ObjectType)));
        Assert.Equal([L4Pool, IngressPool], writes.Select(w => w.Name).Distinct().Order(StringComparer.Ordinal));
    }
}
