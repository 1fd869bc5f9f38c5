namespace AkoActors.Actors.HttpRules;

/// <summary>Actor-registry key of the HTTPRule shard region.</summary>
public sealed class HttpRuleRegion;
