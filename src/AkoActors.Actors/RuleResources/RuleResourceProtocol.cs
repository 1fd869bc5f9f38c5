namespace AkoActors.Actors.RuleResources;

/// <summary>Messages to the <see cref="RuleResourceActor{TResource}"/> of one rule resource, whatever its kind.</summary>
public static class RuleResourceProtocol
{
    /// <summary>Routes a message to the rule resource's entity; each kind's Reconcile has its own wire manifest, since the
    /// kind is what the manifest tells apart.</summary>
    public interface IRuleResourceMessage
    {
        string EntityId { get; }
    }

    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }
}
