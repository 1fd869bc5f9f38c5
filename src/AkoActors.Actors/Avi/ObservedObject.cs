using AkoActors.Domain.Avi;

namespace AkoActors.Actors.Avi;

/// <summary>An object a sweep found on the controller: which one, and its <c>_last_modified</c> stamp at that moment.</summary>
public sealed record ObservedObject(AviRef Ref, string? LastModified);
