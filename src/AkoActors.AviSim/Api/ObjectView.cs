using AkoActors.AviSim.Store;

namespace AkoActors.AviSim.Api;

/// <summary>A stored object as one read saw it: the immutable version plus the read-time derived fields
/// (serialized), ready to render outside the store's lock.</summary>
internal sealed record ObjectView(StoredObject Stored, byte[]? Derived);
