namespace AkoActors.Domain.HostRules;

/// <summary>A HostRule's <c>virtualhost.tls</c>: the certificate that replaces the Ingress's Secret for the host, the SSL
/// profile (AKO's default <c>System-Standard-PFS</c>), and the termination (only <c>edge</c> exists).</summary>
public sealed record HostRuleTls(CertificateSource Certificate, CertificateSource? AlternateCertificate, string? SslProfile, string? Termination);
