using AkoActors.Simulation.Workloads;
using Xunit;

namespace AkoActors.Simulation.Tests.Workloads;

/// <summary>The node churn planner, without a cluster: a function of its random stream, never reusing a name or a pod CIDR
/// (so no two Nodes overlap by accident and a route cannot predate its change), and keeping the own Nodes between one and
/// max(2, twice the configured count).</summary>
public sealed class NodeChurnTests
{
    private static List<PlannedNodeChange> Churn(int seed, int nodes, int changes)
    {
        var churn = new NodeChurn(nodes);
        var random = SimulationWorkload.NodeRandom(seed);
        var planned = Enumerable.Range(0, nodes).Select(_ => churn.Add()).ToList();
        planned.AddRange(Enumerable.Range(0, changes).Select(_ => churn.Next(random)));
        return planned;
    }

    [Fact]
    public void Node_churn_is_a_function_of_the_seed()
    {
        Assert.Equal(Churn(11, 5, 200), Churn(11, 5, 200));
        Assert.NotEqual(Churn(11, 5, 200).Skip(5), Churn(12, 5, 200).Skip(5));
        Assert.Equal(
            new PlannedNodeChange(NodeChangeKind.Add, "sim-node-0000", "10.0.0.1", null, "10.32.0.0/24"),
            Churn(11, 5, 0)[0]);
    }

    [Fact]
    public void Node_churn_never_reuses_a_pod_cidr_or_a_name_and_keeps_between_one_and_twice_the_nodes()
    {
        var churn = new NodeChurn(3);
        var random = SimulationWorkload.NodeRandom(4);
        for (var i = 0; i < 3; i++) churn.Add();
        var cidrs = churn.Nodes.Values.Select(n => n.PodCidr).ToList();
        var names = churn.Nodes.Keys.ToList();
        var kinds = new HashSet<NodeChangeKind>();
        for (var i = 0; i < 3000; i++)
        {
            var before = churn.Nodes.ToDictionary(kv => kv.Key, kv => kv.Value);
            var change = churn.Next(random);
            kinds.Add(change.Kind);
            if (change.NewPodCidr is { } cidr) cidrs.Add(cidr);
            if (change.Kind == NodeChangeKind.Add) names.Add(change.Node);
            else
            {
                Assert.True(before.ContainsKey(change.Node), $"{change} targets a Node that was not there");
                Assert.Equal(before[change.Node].PodCidr, change.OldPodCidr);
                Assert.Equal(before[change.Node].Address, change.Address);
            }
            Assert.InRange(churn.Nodes.Count, 1, 6);
        }
        Assert.Equal([NodeChangeKind.Add, NodeChangeKind.Delete, NodeChangeKind.ChangePodCidr], kinds.Order());
        Assert.Equal(cidrs.Count, cidrs.Distinct().Count());
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void A_change_says_which_route_must_appear_and_which_prefix_must_go()
    {
        var churn = new NodeChurn(1);
        var random = new Random(1);
        var added = churn.Add();
        var changed = churn.ChangePodCidr(random, added.Node);
        var deleted = churn.Delete(random);

        Assert.Equal(["10.32.0.0/24 via 10.0.0.1"], added.Present);
        Assert.Empty(added.AbsentPrefixes);
        Assert.Equal(["10.32.1.0/24 via 10.0.0.1"], changed.Present);
        Assert.Equal(["10.32.0.0/24"], changed.AbsentPrefixes);
        Assert.Empty(deleted.Present);
        Assert.Equal(["10.32.1.0/24"], deleted.AbsentPrefixes);
        Assert.Contains("not one of the workload's own Nodes", Assert.Throws<ArgumentException>(() => churn.Delete(random, "avi-node1")).Message);
        Assert.Contains("at most 8192 pod CIDRs", Assert.Throws<ArgumentOutOfRangeException>(() => Workload.PodCidr(8192)).Message);
    }
}
