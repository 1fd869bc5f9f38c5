using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Workloads;

/// <summary>One simulated cluster controller: it watches store events to decide what to look at, and reconciles one item at a time.</summary>
public interface IWorkloadController
{
    /// <summary>Reacts to a committed write by queueing work.</summary>
    void Observe(StoreEvent e, WorkQueue queue);

    /// <summary>Whether this controller does this kind of work.</summary>
    bool Handles(WorkKind kind);

    /// <summary>Brings the world in line for one item, writing through the registry.</summary>
    void Reconcile(WorkItem item, WorkQueue queue);
}
