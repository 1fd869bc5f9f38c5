namespace AkoActors.Avi.Transport;

/// <summary>Who a controller call is for: the Avi tenant (X-Avi-Tenant) and the fairness key (the Kubernetes namespace) that queues it.</summary>
public sealed record AviCallContext(string Tenant, string FairnessKey)
{
    /// <summary>Reads across every tenant (X-Avi-Tenant: *), used by start-up and resync sweeps.</summary>
    public static AviCallContext AllTenants(string fairnessKey) => new("*", fairnessKey);
}
