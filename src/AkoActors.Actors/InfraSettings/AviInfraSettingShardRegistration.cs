using Akka.Cluster.Hosting;
using Akka.Hosting;
using AkoActors.Actors.Sharding;

namespace AkoActors.Actors.InfraSettings;

/// <summary>Registers the AviInfraSetting shard: one <see cref="AviInfraSettingActor"/> per setting, the single writer of its status.</summary>
public static class AviInfraSettingShardRegistration
{
    public const string TypeName = "aviinfrasetting";

    public static AkkaConfigurationBuilder AddAviInfraSettingShard(this AkkaConfigurationBuilder builder) =>
        builder.WithReadyShardRegion<AviInfraSettingRegion>(
            TypeName,
            (_, _, resolver) => entityId => EntitySupervision.WithBackoff(resolver.Props<AviInfraSettingActor>(entityId)),
            new AviInfraSettingMessageExtractor(),
            AviInfraSettingProtocol.Stop.Instance);
}
