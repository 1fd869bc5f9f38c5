namespace AkoActors.Simulation.Workloads.AkoMade;

/// <summary>An Ingress AKO served; <paramref name="CertificatePem"/> and <paramref name="KeyPem"/> are its TLS Secret's,
/// needed when a host is TLS.</summary>
public sealed record AkoMadeIngress(string Namespace, string Name, IReadOnlyList<AkoMadeHost> Hosts, string? CertificatePem = null, string? KeyPem = null);
