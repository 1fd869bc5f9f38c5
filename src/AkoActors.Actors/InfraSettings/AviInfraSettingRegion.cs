namespace AkoActors.Actors.InfraSettings;

/// <summary>Actor-registry key of the AviInfraSetting shard region.</summary>
public sealed class AviInfraSettingRegion;
