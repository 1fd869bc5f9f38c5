using AkoActors.Actors.Serialization;
using AkoActors.Domain.Keys;

namespace AkoActors.Actors.InfraSettings;

/// <summary>Messages to the <see cref="AviInfraSettingActor"/> of one AviInfraSetting.</summary>
public static class AviInfraSettingProtocol
{
    /// <summary>Routes a message to the setting's entity (entity id <c>ais/&lt;name&gt;</c>).</summary>
    public interface IAviInfraSettingMessage
    {
        AviInfraSettingKey Key { get; }
    }

    /// <summary>The AviInfraSetting changed: decide its status again.</summary>
    public sealed record Reconcile(AviInfraSettingKey Key) : IAviInfraSettingMessage, ICrossReplicaMessage;

    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }
}
