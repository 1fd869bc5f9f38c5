namespace AkoActors.Simulation.Workloads.AkoMade;

/// <summary>One host of an Ingress: its paths, and whether it is a TLS host (an SNI child of the shared VS) or an insecure
/// one (routed by the shard's pool group and datascript).</summary>
public sealed record AkoMadeHost(string Host, IReadOnlyList<AkoMadePath> Paths, bool Tls = false);
