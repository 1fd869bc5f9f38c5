using AkoActors.Actors.RuleResources;
using AkoActors.Actors.Serialization;
using AkoActors.Domain.Keys;

namespace AkoActors.Actors.InfraSettings;

/// <summary>Messages to the admission actor of one AviInfraSetting (entity id <c>ais/&lt;name&gt;</c>); the rest of its
/// protocol is the shared <see cref="RuleResourceProtocol"/>.</summary>
public static class AviInfraSettingProtocol
{
    /// <summary>The AviInfraSetting changed: decide its status again.</summary>
    public sealed record Reconcile(AviInfraSettingKey Key) : RuleResourceProtocol.IRuleResourceMessage, ICrossReplicaMessage
    {
        // Explicit, so the wire form is {"key":...} like the other kinds'.
        string RuleResourceProtocol.IRuleResourceMessage.EntityId => Key.EntityId;
    }
}
