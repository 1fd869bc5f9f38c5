namespace AkoActors.Kubernetes.Leases;

/// <summary>What the cluster Lease says: which replica renewed it last, the members of that replica's Akka cluster, when,
/// and for how long it holds.</summary>
/// <param name="Holder">The renewing member's unique address (<c>akka.tcp://…@host:port#uid</c>).</param>
/// <param name="Members">Every member of the holder's cluster at the last renewal (unique addresses).</param>
/// <param name="ResourceVersion">For the conditional write; null for a Lease not read yet.</param>
public sealed record ClusterLeaseRecord(string Holder, IReadOnlyList<string> Members, DateTimeOffset RenewTime, TimeSpan Duration, string? ResourceVersion)
{
    public bool IsExpiredAt(DateTimeOffset now) => RenewTime + Duration <= now;

    /// <summary>Whether the cluster whose members are <paramref name="members"/> (as one of them sees it) holds this Lease
    /// before it expires.</summary>
    /// <param name="members">The member incarnations of the asking cluster, as one of them sees it.</param>
    /// <param name="departed">Listed members this one saw leave its own cluster gracefully (they exited and were removed):
    /// they are gone, not on the other side of a split, so they are not counted.</param>
    /// <remarks>
    /// After a split both sides still find members of their own in the record, so sharing one member proves nothing. A
    /// cluster holds the Lease when it has a majority of the members the record lists, and on an even split (one of two
    /// replicas dead or cut off) when it has the renewer: the side Akka's keep-majority downing keeps. Any other cluster
    /// waits for the Lease to expire — when half or more of a cluster dies at once, its survivors wait the same. A
    /// scale-in is not a death: the members that left gracefully are taken out of the count, so a Deployment scaled from
    /// three replicas to one keeps writing (before, its survivor stopped until the Lease expired, calling itself
    /// "another cluster").
    /// </remarks>
    public bool IsHeldBy(IReadOnlySet<string> members, IReadOnlySet<string>? departed = null)
    {
        var listed = departed is null ? Members : Members.Where(member => !departed.Contains(member)).ToList();
        // Everyone it lists has left this cluster gracefully, the renewer among them: the record was this cluster's (its
        // renewer was one of ours until it exited). A record written while the others were still joining lists the renewer
        // alone, and a survivor never listed would otherwise wait for the expiry.
        if (listed.Count == 0) return departed is not null && departed.Contains(Holder);
        var known = listed.Count(members.Contains);
        return known * 2 > listed.Count || (known > 0 && known * 2 == listed.Count && members.Contains(Holder));
    }

    /// <summary>This member was once in the holding cluster (<paramref name="wasListed"/>) and the cluster that holds the
    /// Lease now lists it no more: that cluster removed it (downed after a partition), and a member whose cluster has moved
    /// on without it can only rejoin as a new incarnation.</summary>
    public bool HasRemoved(string self, bool wasListed, IReadOnlySet<string> members, DateTimeOffset now, IReadOnlySet<string>? departed = null) =>
        wasListed && !IsExpiredAt(now) && !Members.Contains(self) && !members.Contains(Holder) && !IsHeldBy(members, departed);
}
