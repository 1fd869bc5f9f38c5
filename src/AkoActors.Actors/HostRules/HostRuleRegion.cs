namespace AkoActors.Actors.HostRules;

/// <summary>Actor-registry key of the HostRule shard region.</summary>
public sealed class HostRuleRegion;
