using AkoActors.KubeSim.Store;

namespace AkoActors.KubeSim.Registry;

/// <summary>One page of a list: the matching objects in key order, the resourceVersion the list reflects, and where to continue.</summary>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
