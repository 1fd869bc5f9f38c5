using Akka.Cluster;

namespace AkoActors.Actors.Runtime;

/// <summary>How this controller names one incarnation of a cluster member, wherever it records one (the replicated ready
/// set, the cluster Lease's member list): address and uid, so a replica restarted at the same pod IP is another member.</summary>
public static class MemberIncarnation
{
    public static string Name(UniqueAddress member) => $"{member.Address}#{member.Uid}";
}
