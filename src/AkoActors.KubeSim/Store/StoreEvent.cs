namespace AkoActors.KubeSim.Store;

/// <summary>One committed write, kept in the history for watch replay and fanned out to live watchers.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The state after the write (for Deleted: the last state, stamped with the deletion's resourceVersion).</param>
/// <param name="Previous">The state before the write, when there was one; lets selector-filtered watches turn a change into ADDED or DELETED.</param>
public sealed record StoreEvent(StoreEventType Type, StoredObject Object, StoredObject? Previous)
{
    /// <summary>The resourceVersion of the write.</summary>
    public long ResourceVersion => Object.ResourceVersion;
}
