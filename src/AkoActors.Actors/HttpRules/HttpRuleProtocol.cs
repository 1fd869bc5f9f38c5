using AkoActors.Actors.Serialization;
using AkoActors.Domain.Keys;

namespace AkoActors.Actors.HttpRules;

/// <summary>Messages to the <see cref="HttpRuleActor"/> of one HTTPRule.</summary>
public static class HttpRuleProtocol
{
    /// <summary>Routes a message to the HTTPRule's entity (entity id <c>httpr/&lt;ns&gt;/&lt;name&gt;</c>).</summary>
    public interface IHttpRuleMessage
    {
        HttpRuleKey Key { get; }
    }

    /// <summary>The HTTPRule changed: decide its status again.</summary>
    public sealed record Reconcile(HttpRuleKey Key) : IHttpRuleMessage, ICrossReplicaMessage;

    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }
}
