using AkoActors.Domain.Avi;

namespace AkoActors.Domain.Kubernetes;

/// <summary>Fetches a TLS Secret's private key at the moment a certificate object is written, so no cache holds keys: the
/// caller builds the request body, sends it and disposes the material (which clears its bytes).</summary>
public interface ITlsKeySource
{
    /// <summary>The key of <paramref name="key"/>'s Secret; throws <see cref="TlsKeyUnavailableException"/> when the Secret is
    /// gone, has no key, or holds a key other than the one the certificate was decided with (rotated since).</summary>
    Task<TlsKeyMaterial> FetchAsync(TlsKeyRef key, CancellationToken cancellationToken);
}
