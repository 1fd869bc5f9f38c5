using AkoActors.Actors.RuleResources;
using AkoActors.Actors.Serialization;
using AkoActors.Domain.Keys;

namespace AkoActors.Actors.HostRules;

/// <summary>Messages to the admission actor of one HostRule (entity id <c>hr/&lt;ns&gt;/&lt;name&gt;</c>); the rest of its
/// protocol is the shared <see cref="RuleResourceProtocol"/>.</summary>
public static class HostRuleProtocol
{
    /// <summary>The HostRule, another HostRule (duplicate fqdns) or a Secret it names changed: validate it again.</summary>
    public sealed record Reconcile(HostRuleKey Key) : RuleResourceProtocol.IRuleResourceMessage, ICrossReplicaMessage
    {
        // Explicit, so the wire form stays {"key":...}.
        string RuleResourceProtocol.IRuleResourceMessage.EntityId => Key.EntityId;
    }
}
