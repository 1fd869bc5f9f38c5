using AkoActors.Domain.Collections;

namespace AkoActors.Avi.Environment;

/// <summary>What the controller offers this cluster, found at start: its version and the DNS sub-domains of the cloud's DNS profile.</summary>
public sealed record AviEnvironment(string? Version, string CloudUuid, EquatableArray<string> DnsSubdomains);
