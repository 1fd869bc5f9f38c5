namespace AkoActors.Domain.Settings;

/// <summary>The number of shard VSes each <see cref="ShardVsSize"/> stands for (AKO's ShardSizeMap).</summary>
public static class ShardVsSizeExtensions
{
    /// <summary>LARGE=8, MEDIUM=4, SMALL=1; DEDICATED has no shards (0): one VS per host.</summary>
    public static uint ShardCount(this ShardVsSize size) => size switch
    {
        ShardVsSize.Large => 8,
        ShardVsSize.Medium => 4,
        ShardVsSize.Small => 1,
        ShardVsSize.Dedicated => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };
}
