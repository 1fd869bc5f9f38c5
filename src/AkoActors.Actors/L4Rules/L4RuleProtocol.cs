using AkoActors.Actors.RuleResources;
using AkoActors.Actors.Serialization;
using AkoActors.Domain.Keys;

namespace AkoActors.Actors.L4Rules;

/// <summary>Messages to the admission actor of one L4Rule (entity id <c>l4r/&lt;ns&gt;/&lt;name&gt;</c>); the rest of its
/// protocol is the shared <see cref="RuleResourceProtocol"/>.</summary>
public static class L4RuleProtocol
{
    /// <summary>The L4Rule changed: decide its status again.</summary>
    public sealed record Reconcile(L4RuleKey Key) : RuleResourceProtocol.IRuleResourceMessage, ICrossReplicaMessage
    {
        // Explicit, so the wire form is {"key":...} like the other kinds'.
        string RuleResourceProtocol.IRuleResourceMessage.EntityId => Key.EntityId;
    }
}
