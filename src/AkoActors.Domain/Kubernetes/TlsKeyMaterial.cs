namespace AkoActors.Domain.Kubernetes;

/// <summary>A private key in hand for one write: PEM bytes, cleared on <see cref="Dispose"/> so they do not linger in memory
/// until the garbage collector gets to them.</summary>
public sealed class TlsKeyMaterial(byte[] pem) : IDisposable
{
    /// <summary>The key as PEM bytes (UTF-8); empty once disposed.</summary>
    public ReadOnlySpan<byte> Pem => pem;

    public void Dispose() => Array.Clear(pem);
}
