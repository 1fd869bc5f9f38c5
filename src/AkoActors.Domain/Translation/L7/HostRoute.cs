using AkoActors.Domain.Collections;

namespace AkoActors.Domain.Translation.L7;

/// <summary>One host an Ingress contributes to a shared VS: its paths, and its TLS Secret when it is served over HTTPS.</summary>
public sealed record HostRoute(string Host, EquatableArray<PathRoute> Paths, TlsReference? Tls);
