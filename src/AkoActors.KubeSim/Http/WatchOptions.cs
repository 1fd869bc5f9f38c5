namespace AkoActors.KubeSim.Http;

/// <summary>Settings of watch streams.</summary>
public sealed record WatchOptions
{
    /// <summary>How often a BOOKMARK is sent to watches that asked for bookmarks (kube-apiserver: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a watch without timeoutSeconds stays open.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How many undelivered events one watcher may have queued before it is closed as too slow.</summary>
    public int QueueCapacity { get; init; } = 50_000;
}
