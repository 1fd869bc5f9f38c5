namespace AkoActors.Actors.RuleResources;

/// <summary>Actor-registry key of the shard region of one rule kind (<c>RuleResourceRegion&lt;HostRuleSnapshot&gt;</c>).</summary>
public sealed class RuleResourceRegion<TResource>;
