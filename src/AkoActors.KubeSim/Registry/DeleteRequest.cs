namespace AkoActors.KubeSim.Registry;

/// <summary>The parts of metav1.DeleteOptions KubeSim honours.</summary>
public sealed record DeleteRequest
{
    /// <summary>Default options: background propagation, default grace.</summary>
    public static DeleteRequest Default { get; } = new();

    /// <summary>Orphan, Background (default) or Foreground.</summary>
    public string? PropagationPolicy { get; init; }

    /// <summary>Grace period; 0 deletes a Pod at once.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary>Precondition: the object must have this uid.</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Precondition: the object must be at this resourceVersion.</summary>
    public string? PreconditionResourceVersion { get; init; }

    /// <summary>Answer as if deleted, but change nothing.</summary>
    public bool DryRun { get; init; }
}
