namespace AkoActors.Avi.Transport;

/// <summary>Who a controller call is for: the Avi tenant (X-Avi-Tenant), the fairness key (the Kubernetes namespace) that
/// queues it, its priority in the queue (higher first; plans use their wave number, reads 0), and the writing owner's
/// epoch (the fencing token stamped on every write; null for calls that write nothing of a tree).</summary>
public sealed record AviCallContext(string Tenant, string FairnessKey, int Priority = 0, long? Epoch = null)
{
    /// <summary>Reads across every tenant (X-Avi-Tenant: *), used by start-up and resync sweeps.</summary>
    public static AviCallContext AllTenants(string fairnessKey) => new("*", fairnessKey);
}
