namespace AkoActors.KubeSim.Registry;

/// <summary>The patch formats the PATCH verb accepts.</summary>
public enum PatchType
{
    /// <summary>application/merge-patch+json (RFC 7386).</summary>
    Merge,

    /// <summary>application/json-patch+json (RFC 6902).</summary>
    Json,

    /// <summary>application/strategic-merge-patch+json.</summary>
    StrategicMerge,
}
