using AkoActors.Testing;

namespace AkoActors.EndToEnd.Tests.Routes;

/// <summary>Issue 15 point 6: with AKO's <c>cniPlugin</c>, static routes take the pod CIDRs from where that CNI keeps them,
/// as AKO reads them — a Calico cluster's BlockAffinity objects (kubectl-made, CRD installed as Calico's is), an
/// ovn-kubernetes cluster's <c>k8s.ovn.org/node-subnets</c> node annotation — and follow their changes; the seed nodes'
/// spec.podCIDRs (10.244.x) are then ignored, as AKO ignores them.</summary>
public sealed class CniPodCidrRouteTests
{
    private const string Cluster = "avi-cluster";

    private static readonly (string Node, string Ip)[] SeedNodes =
    [
        ("avi-master1", "172.16.250.11"), ("avi-master2", "172.16.250.12"), ("avi-master3", "172.16.250.13"),
        ("avi-node1", "172.16.250.21"), ("avi-node2", "172.16.250.22"), ("avi-node3", "172.16.250.23"),
    ];

    [Fact]
    public async Task Calico_block_affinities_become_the_routes_and_a_block_released_takes_its_route_with_it()
    {
        await using var world = await ControllerWorld.StartAsync(ControllerWorld.SeedSettings(s => s with { CniPlugin = "calico" }), replicas: 0);
        (await world.Kubectl.RunWithInputAsync(BlockAffinityCrd, "apply", "-f", "-")).EnsureSuccess();
        var blocks = SeedNodes.Select((n, i) => (Name: $"{n.Node}-192-168-{i}-0-26", n.Node, Cidr: $"192.168.{i}.0/26")).ToList();
        blocks.Add(("avi-node1-192-168-3-64-26", "avi-node1", "192.168.3.64/26"));
        foreach (var block in blocks) (await world.Kubectl.RunWithInputAsync(BlockAffinity(block.Name, block.Node, block.Cidr), "apply", "-f", "-")).EnsureSuccess();
        // Calico announces the node's address; AKO routes to it rather than to the InternalIP.
        (await world.Kubectl.RunAsync("annotate", "node", "avi-node3", "projectcalico.org/IPv4Address=172.16.250.123/24")).EnsureSuccess();

        await world.StartReplicaAsync("replica-0");
        await world.WaitUntilReadyAsync();
        using var vrf = new VrfOnTheController(world);
        var expected = SeedNodes.Select((n, i) => $"192.168.{i}.0/26 via {(n.Node == "avi-node3" ? "172.16.250.123" : n.Ip)}")
            .Append("192.168.3.64/26 via 172.16.250.21").Order(StringComparer.Ordinal).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(Prefixes(vrf).SequenceEqual(expected)), "a route per Calico block", TimeSpan.FromSeconds(30));

        (await world.Kubectl.RunAsync("delete", "blockaffinities.crd.projectcalico.org", "avi-node1-192-168-3-64-26")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(Prefixes(vrf).SequenceEqual(expected.Where(r => !r.StartsWith("192.168.3.64/26", StringComparison.Ordinal)))),
            "the released block's route gone", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(vrf.RoutesOf(Cluster), r => r.Contains("10.244.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ovn_node_subnets_become_the_routes_and_follow_the_annotation()
    {
        await using var world = await ControllerWorld.StartAsync(ControllerWorld.SeedSettings(s => s with { CniPlugin = "ovn-kubernetes" }), replicas: 0);
        for (var i = 0; i < SeedNodes.Length; i++)
        {
            (await world.Kubectl.RunAsync("annotate", "node", SeedNodes[i].Node, $$"""k8s.ovn.org/node-subnets={"default":["10.128.{{2 * i}}.0/23"]}""")).EnsureSuccess();
        }

        await world.StartReplicaAsync("replica-0");
        await world.WaitUntilReadyAsync();
        using var vrf = new VrfOnTheController(world);
        var expected = SeedNodes.Select((n, i) => $"10.128.{2 * i}.0/23 via {n.Ip}").Order(StringComparer.Ordinal).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(Prefixes(vrf).SequenceEqual(expected)), "a route per ovn node subnet", TimeSpan.FromSeconds(30));

        (await world.Kubectl.RunAsync("annotate", "--overwrite", "node", "avi-node3", """k8s.ovn.org/node-subnets={"default":"10.130.0.0/23"}""")).EnsureSuccess();
        await Eventually.HoldsAsync(() => Task.FromResult(Prefixes(vrf).Contains("10.130.0.0/23 via 172.16.250.23") && Prefixes(vrf).Count == 6),
            "avi-node3's new subnet routed in place of its old one", TimeSpan.FromSeconds(30));
    }

    /// <summary>Our routes as <c>prefix via next hop</c>, sorted (ids depend on the order nodes reported).</summary>
    private static List<string> Prefixes(VrfOnTheController vrf) =>
        vrf.RoutesOf(Cluster).Select(r => r[(r.IndexOf(": ", StringComparison.Ordinal) + 2)..]).Order(StringComparer.Ordinal).ToList();

    /// <summary>The shape of Calico's CRD that matters here (group, kind, cluster scope); Calico's own has a full schema.</summary>
    private const string BlockAffinityCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: blockaffinities.crd.projectcalico.org}
        spec:
          group: crd.projectcalico.org
          scope: Cluster
          names: {kind: BlockAffinity, listKind: BlockAffinityList, plural: blockaffinities, singular: blockaffinity}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      cidr: {type: string}
                      deleted: {type: string}
                      node: {type: string}
                      state: {type: string}
        """;

    private static string BlockAffinity(string name, string node, string cidr) => $$"""
        apiVersion: crd.projectcalico.org/v1
        kind: BlockAffinity
        metadata: {name: {{name}}}
        spec: {cidr: "{{cidr}}", deleted: "false", node: {{node}}, state: confirmed}
        """;
}
