using AkoActors.Domain.Collections;
using AkoActors.Domain.Kubernetes;

namespace AkoActors.Actors.StatusWriting;

/// <summary>Decides when AKO's VS annotations of a Service or Ingress need a patch, knowing that the patch this actor sent
/// may not have come back through the watch yet (so reconciles in between do not patch again).</summary>
public sealed class AkoAnnotationsTracker
{
    private AkoVsAnnotations? _sent;

    public bool IsPending => _sent is not null;

    /// <summary>True when <paramref name="desired"/> must be patched now (and remembers it as sent).</summary>
    public bool NeedsPatch(LabelSet observed, AkoVsAnnotations desired)
    {
        if (!desired.DiffersFrom(observed))
        {
            _sent = null;
            return false;
        }
        if (_sent == desired) return false;
        _sent = desired;
        return true;
    }

    /// <summary>The object is gone, or the patch failed: nothing is in flight any more.</summary>
    public void Forget() => _sent = null;
}
