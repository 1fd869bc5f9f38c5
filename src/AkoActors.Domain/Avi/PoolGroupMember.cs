namespace AkoActors.Domain.Avi;

/// <summary>One member of a pool group: a pool, its weight, and optionally the priority label it is selected by.</summary>
public sealed record PoolGroupMember(string PoolName, int Ratio = 1, string? PriorityLabel = null);
