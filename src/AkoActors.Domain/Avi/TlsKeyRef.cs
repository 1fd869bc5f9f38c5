namespace AkoActors.Domain.Avi;

/// <summary>Where a certificate object's private key comes from when it is written: a Kubernetes TLS Secret, and which key
/// (its SHA-256 fingerprint) — a reference, so specs, plans and caches never carry the key itself.</summary>
public sealed record TlsKeyRef(string Namespace, string SecretName, string Fingerprint)
{
    public override string ToString() => $"Secret {Namespace}/{SecretName} (key {Fingerprint[..Math.Min(12, Fingerprint.Length)]}…)";
}
