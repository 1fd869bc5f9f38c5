namespace AkoActors.Domain.Avi;

/// <summary>One rule of an L4 policy set: traffic to this port and protocol goes to this pool.</summary>
/// <param name="Protocol">TCP or UDP (Kubernetes spelling); written as PROTOCOL_TCP / PROTOCOL_UDP.</param>
public sealed record L4PoolRule(int Port, string Protocol, string PoolName);
