namespace AkoActors.KubeSim.Store;

/// <summary>What a write did to an object, named as watch events name it.</summary>
public enum StoreEventType
{
    /// <summary>The object was created.</summary>
    Added,

    /// <summary>The object changed.</summary>
    Modified,

    /// <summary>The object was removed.</summary>
    Deleted,
}
