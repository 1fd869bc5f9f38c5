namespace AkoActors.Domain.Settings;

/// <summary>How many shared L7 virtual services Ingress hosts are spread over (L7Settings.shardVSSize).</summary>
public enum ShardVsSize
{
    Large,
    Medium,
    Small,
    Dedicated,
}
