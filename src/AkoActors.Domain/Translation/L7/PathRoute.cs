using AkoActors.Domain.Avi;
using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Translation.L7;

/// <summary>One path of an Ingress host: how it matches, which backend it names, and the servers behind that backend.</summary>
/// <param name="Backend">"service:port" as written, for messages.</param>
public sealed record PathRoute(string Path, bool Exact, string Backend, EquatableArray<PoolServer> Servers);
