namespace AkoActors.Kubernetes.Writing;

/// <summary>Bounds and identity for status and event writes.</summary>
public sealed record KubernetesWriterOptions
{
    /// <summary>Writes in flight at once; the rest queue. KubernetesClient has no client-side rate limit, so this is the bound.</summary>
    public int MaxConcurrentWrites { get; init; } = 16;

    /// <summary>An identical event on the same object is not recorded again within this window.</summary>
    public TimeSpan EventRepeatWindow { get; init; } = TimeSpan.FromMinutes(10);

    public string Component { get; init; } = "ako-actors";

    public string ReplicaId { get; init; } = Environment.MachineName;

    /// <summary>Read on every Normal event, so AKOSettings.enableEvents can change without a restart; Warnings are always recorded.</summary>
    public Func<bool> NormalEventsEnabled { get; init; } = () => true;
}
