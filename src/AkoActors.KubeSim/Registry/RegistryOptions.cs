namespace AkoActors.KubeSim.Registry;

/// <summary>Settings of the API semantics layer.</summary>
public sealed record RegistryOptions
{
    /// <summary>Range Service cluster IPs come from.</summary>
    public string ServiceCidr { get; init; } = "10.96.0.0/12,fd00:10:96::/112";

    /// <summary>Lowest node port.</summary>
    public int NodePortMin { get; init; } = 30000;

    /// <summary>Highest node port.</summary>
    public int NodePortMax { get; init; } = 32767;

    /// <summary>Seed for address picks; null for a random seed.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Clock for timestamps.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long continue tokens stay valid.</summary>
    public TimeSpan ContinueTokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether Orphan/Foreground deletes add the GC finalizers (only when a garbage collector runs to remove them).</summary>
    public bool GarbageCollectorRunning { get; set; }

    /// <summary>When above zero, deleting a scheduled Pod marks it terminating (deletionTimestamp) and the simulated kubelet removes it after this delay.</summary>
    public TimeSpan PodTerminationDelay { get; set; }
}
