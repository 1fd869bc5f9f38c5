using AkoActors.Domain.Kubernetes;

namespace AkoActors.Actors.StatusWriting;

/// <summary>Decides when a Service's or Ingress's load-balancer status needs a patch, knowing that the patch this actor
/// sent may not have come back through the watch yet.</summary>
/// <remarks>Without it every reconcile between the patch and its watch event would patch again; with it, a status
/// someone else wrote in the meantime is still noticed (and corrected).</remarks>
public sealed class LoadBalancerStatusTracker
{
    private Pending? _pending;

    public bool IsPending => _pending is not null;

    public IReadOnlyList<LoadBalancerIngressStatus>? Sent => _pending?.Desired;

    /// <summary>True when <paramref name="desired"/> must be patched now (and remembers it as sent).</summary>
    public bool NeedsPatch(IReadOnlyList<LoadBalancerIngressStatus> observed, IReadOnlyList<LoadBalancerIngressStatus> desired)
    {
        if (_pending is { } pending)
        {
            if (observed.SequenceEqual(pending.Desired) || !observed.SequenceEqual(pending.ObservedBefore)) _pending = null;
            else return false;
        }
        if (observed.SequenceEqual(desired)) return false;
        _pending = new Pending(desired, observed);
        return true;
    }

    /// <summary>The object is gone, or the patch failed: nothing is in flight any more.</summary>
    public void Forget() => _pending = null;

    private sealed record Pending(IReadOnlyList<LoadBalancerIngressStatus> Desired, IReadOnlyList<LoadBalancerIngressStatus> ObservedBefore);
}
