using AkoActors.Actors.RuleResources;
using AkoActors.Actors.Serialization;
using AkoActors.Domain.Keys;

namespace AkoActors.Actors.HttpRules;

/// <summary>Messages to the admission actor of one HttpRule (entity id <c>httpr/&lt;ns&gt;/&lt;name&gt;</c>); the rest of its
/// protocol is the shared <see cref="RuleResourceProtocol"/>.</summary>
public static class HttpRuleProtocol
{
    /// <summary>The HTTPRule changed: decide its status again.</summary>
    public sealed record Reconcile(HttpRuleKey Key) : RuleResourceProtocol.IRuleResourceMessage, ICrossReplicaMessage
    {
        // Explicit, so the wire form stays {"key":...}.
        string RuleResourceProtocol.IRuleResourceMessage.EntityId => Key.EntityId;
    }
}
