using AkoActors.Simulation.Network;
using AkoActors.Simulation.Replicas;

namespace AkoActors.Simulation;

/// <summary>One replica slot of a simulation — a pod of the Deployment, in Kubernetes terms: a stable proxy address its
/// peers reach it at, and the process currently running in it (a new incarnation after every restart, with its own
/// replica id <c>replica-&lt;slot&gt;.&lt;incarnation&gt;</c>, so the audit log tells incarnations apart).</summary>
public sealed class SimulatedReplica
{
    private readonly List<ReplicaProcess> _incarnations = [];

    internal SimulatedReplica(int slot, RemotingProxy proxy)
    {
        Slot = slot;
        Proxy = proxy;
    }

    public int Slot { get; }

    public RemotingProxy Proxy { get; }

    /// <summary>The address every peer uses for this slot (the proxy's), whatever incarnation runs behind it.</summary>
    public string AkkaAddress => $"akka.tcp://ako-actors@127.0.0.1:{Proxy.Port}";

    /// <summary>The latest process of this slot, or null before the first start.</summary>
    public ReplicaProcess? Current => _incarnations.Count == 0 ? null : _incarnations[^1];

    public IReadOnlyList<ReplicaProcess> Incarnations => _incarnations;

    /// <summary>True while the latest process runs.</summary>
    public bool IsRunning => Current is { HasExited: false };

    /// <summary>The controller executable this slot runs from its next start, when not the simulation's
    /// (<see cref="Simulation.UpgradeReplica"/>: a rolling update to another build).</summary>
    public string? HostDll { get; internal set; }

    /// <summary>The replica id the next incarnation gets.</summary>
    internal string NextId => $"replica-{Slot}.{_incarnations.Count + 1}";

    internal void Add(ReplicaProcess process) => _incarnations.Add(process);
}
