namespace AkoActors.Kubernetes.Leases;

/// <summary>What the cluster Lease says: which replica renewed it last, the members of that replica's Akka cluster, when,
/// and for how long it holds.</summary>
/// <param name="Holder">The renewing member's unique address (<c>akka.tcp://…@host:port#uid</c>).</param>
/// <param name="Members">Every member of the holder's cluster at the last renewal (unique addresses).</param>
/// <param name="ResourceVersion">For the conditional write; null for a Lease not read yet.</param>
public sealed record ClusterLeaseRecord(string Holder, IReadOnlyList<string> Members, DateTimeOffset RenewTime, TimeSpan Duration, string? ResourceVersion)
{
    public bool IsExpiredAt(DateTimeOffset now) => RenewTime + Duration <= now;
}
