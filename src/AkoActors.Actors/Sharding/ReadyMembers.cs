using System.Collections.Immutable;
using Akka.Cluster;
using Akka.DistributedData;
using AkoActors.Actors.Runtime;

namespace AkoActors.Actors.Sharding;

/// <summary>Which member incarnations of the cluster say they can do the work (informers listed, Kubernetes API and Avi
/// Controller usable): this replica's mirror of the set every replica publishes through distributed data
/// (<see cref="ReadinessPublisherActor"/>), read by <see cref="ReadyMembersAllocationStrategy"/>.</summary>
/// <remarks>Entries name an incarnation (address and uid), so a replica restarted at the same pod IP is not ready until it
/// says so itself.</remarks>
public sealed class ReadyMembers
{
    /// <summary>Where the replicated set lives in distributed data: one entry per ready member incarnation.</summary>
    public static ORSetKey<string> ReplicatedKey { get; } = new("ako-ready-members");

    private volatile ImmutableHashSet<string> _ready = ImmutableHashSet<string>.Empty;

    public IReadOnlySet<string> Current => _ready;

    public bool Contains(UniqueAddress member) => _ready.Contains(Key(member));

    public void Replace(IEnumerable<string> ready) => _ready = ready.ToImmutableHashSet(StringComparer.Ordinal);

    /// <summary>How a member incarnation is named in the set.</summary>
    public static string Key(UniqueAddress member) => MemberIncarnation.Name(member);
}
