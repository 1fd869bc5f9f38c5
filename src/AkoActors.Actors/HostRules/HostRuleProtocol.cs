using AkoActors.Actors.Serialization;
using AkoActors.Domain.Keys;

namespace AkoActors.Actors.HostRules;

/// <summary>Messages to the <see cref="HostRuleActor"/> of one HostRule.</summary>
public static class HostRuleProtocol
{
    /// <summary>Routes a message to the HostRule's entity (entity id <c>hr/&lt;ns&gt;/&lt;name&gt;</c>).</summary>
    public interface IHostRuleMessage
    {
        HostRuleKey Key { get; }
    }

    /// <summary>The HostRule, another HostRule (duplicate fqdns) or a Secret it names changed: validate it again.</summary>
    public sealed record Reconcile(HostRuleKey Key) : IHostRuleMessage, ICrossReplicaMessage;

    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }
}
