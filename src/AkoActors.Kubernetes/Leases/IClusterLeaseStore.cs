namespace AkoActors.Kubernetes.Leases;

/// <summary>Reads and conditionally writes the one Lease that says which AkoActors cluster writes for a clusterName.</summary>
/// <remarks>Narrow on purpose (two calls), so the lease actor's specs script every answer, conflict and failure.</remarks>
public interface IClusterLeaseStore
{
    /// <summary>The Lease as it is now; null when it does not exist.</summary>
    Task<ClusterLeaseRecord?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Creates the Lease (when <paramref name="record"/> has no resource version) or replaces it only if it is
    /// unchanged since it was read; false when someone else wrote it first.</summary>
    Task<bool> TryWriteAsync(ClusterLeaseRecord record, CancellationToken cancellationToken);
}
