namespace AkoActors.Domain.Translation.L7;

/// <summary>The TLS Secret a host is served with. Only its name and a fingerprint travel between replicas; the key
/// material is read from the owner's own informer cache when the certificate object is built.</summary>
/// <param name="Fingerprint">SHA-256 over certificate and key, so a rotated Secret changes the contribution.</param>
public sealed record TlsReference(string SecretName, string Fingerprint);
