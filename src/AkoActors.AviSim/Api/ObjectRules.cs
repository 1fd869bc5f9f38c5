using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>Type-specific controller behaviour plugged into the generic write path: fill server defaults,
/// validate what the generic checks cannot, and keep derived state (IPAM, DNS) in step.</summary>
internal abstract class ObjectRules
{
    public abstract string TypeName { get; }

    /// <summary>Checks and completes the candidate; throw <see cref="AviRequestException"/> to refuse it.</summary>
    public virtual void Prepare(WriteContext context)
    {
    }

    /// <summary>Checks a delete and registers its side effects; runs after the referential-integrity check.</summary>
    public virtual void Deleting(StoredObject stored, List<Action> onCommit)
    {
    }
}
