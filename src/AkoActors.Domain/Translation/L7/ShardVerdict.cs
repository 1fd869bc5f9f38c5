using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Translation.L7;

/// <summary>What a shared VS made of one Ingress's contribution: the hosts it serves, and problems only the shard can see
/// (a host and path another Ingress claimed first, a conflicting TLS Secret, a name too long).</summary>
public sealed record ShardVerdict(EquatableArray<string> ServedHosts, EquatableArray<UserProblem> Problems)
{
    public static ShardVerdict None { get; } = new(EquatableArray<string>.Empty, EquatableArray<UserProblem>.Empty);
}
