namespace AkoActors.Simulation.Workloads;

/// <summary>Plans node churn over the workload's own Nodes, as a pure function of the random stream it is given: add, delete
/// or change a pod CIDR, chosen uniformly, the target uniformly among the own Nodes. Names and pod CIDRs are never reused
/// within a run, so no two Nodes ever overlap by accident and no route can predate the change that asks for it; the own
/// Nodes stay between one and max(2, twice the configured count) (a delete at the floor becomes an add, an add at the
/// ceiling a delete).</summary>
public sealed class NodeChurn(int nodeCount)
{
    private readonly SortedDictionary<string, (string Address, string PodCidr)> _nodes = new(StringComparer.Ordinal);
    private int _nextNode;
    private int _nextPodCidr;

    /// <summary>The own Nodes now: name → InternalIP and the pod CIDR the controller must route.</summary>
    public IReadOnlyDictionary<string, (string Address, string PodCidr)> Nodes => _nodes;

    public int Ceiling => Math.Max(2, 2 * nodeCount);

    /// <summary>A new Node: the next name, address and pod CIDR.</summary>
    public PlannedNodeChange Add()
    {
        var index = _nextNode++;
        var name = Workload.NodeName(index);
        var address = Workload.NodeAddress(index);
        var cidr = Workload.PodCidr(_nextPodCidr++);
        _nodes[name] = (address, cidr);
        return new PlannedNodeChange(NodeChangeKind.Add, name, address, null, cidr);
    }

    /// <summary>Deletes <paramref name="name"/>, or an own Node picked with <paramref name="random"/>.</summary>
    public PlannedNodeChange Delete(Random random, string? name = null)
    {
        var target = Pick(random, name);
        var (address, cidr) = _nodes[target];
        _nodes.Remove(target);
        return new PlannedNodeChange(NodeChangeKind.Delete, target, address, cidr, null);
    }

    /// <summary>Gives <paramref name="name"/>, or an own Node picked with <paramref name="random"/>, a fresh pod CIDR.</summary>
    public PlannedNodeChange ChangePodCidr(Random random, string? name = null)
    {
        var target = Pick(random, name);
        var (address, old) = _nodes[target];
        var cidr = Workload.PodCidr(_nextPodCidr++);
        _nodes[target] = (address, cidr);
        return new PlannedNodeChange(NodeChangeKind.ChangePodCidr, target, address, old, cidr);
    }

    /// <summary>The next change of churn: its kind and target from <paramref name="random"/>.</summary>
    public PlannedNodeChange Next(Random random)
    {
        var kind = (NodeChangeKind)random.Next(3);
        if (kind == NodeChangeKind.Delete && _nodes.Count <= 1) kind = NodeChangeKind.Add;
        if (kind == NodeChangeKind.ChangePodCidr && _nodes.Count == 0) kind = NodeChangeKind.Add;
        if (kind == NodeChangeKind.Add && _nodes.Count >= Ceiling) kind = NodeChangeKind.Delete;
        return kind switch
        {
            NodeChangeKind.Add => Add(),
            NodeChangeKind.Delete => Delete(random),
            _ => ChangePodCidr(random),
        };
    }

    private string Pick(Random random, string? name)
    {
        if (name is not null)
        {
            return _nodes.ContainsKey(name)
                ? name
                : throw new ArgumentException($"Node {name} is not one of the workload's own Nodes ({string.Join(", ", _nodes.Keys.Take(5))}…); churn changes only those", nameof(name));
        }
        if (_nodes.Count == 0) throw new InvalidOperationException("the workload has no Nodes of its own to change; start it with Nodes(n) or add one first");
        return _nodes.Keys.ElementAt(random.Next(_nodes.Count));
    }
}
