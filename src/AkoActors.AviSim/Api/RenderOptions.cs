namespace AkoActors.AviSim.Api;

/// <summary>How stored objects are turned into a response for one request.</summary>
/// <param name="Origin">Scheme and host the client used (from its Host header), prefixed to every ref and url.</param>
/// <param name="IncludeName">Append <c>#name</c> to refs and urls, as the controller does for <c>include_name</c>.</param>
/// <param name="Fields">Top-level projection, or null for every field.</param>
internal sealed record RenderOptions(string Origin, bool IncludeName, IReadOnlySet<string>? Fields);
