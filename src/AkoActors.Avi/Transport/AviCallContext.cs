namespace AkoActors.Avi.Transport;

/// <summary>Who a controller call is for: the Avi tenant (X-Avi-Tenant), the fairness key (the Kubernetes namespace) that
/// queues it, and its priority in the queue (higher first; plans use their wave number, reads 0).</summary>
public sealed record AviCallContext(string Tenant, string FairnessKey, int Priority = 0)
{
    /// <summary>Reads across every tenant (X-Avi-Tenant: *), used by start-up and resync sweeps.</summary>
    public static AviCallContext AllTenants(string fairnessKey) => new("*", fairnessKey);
}
