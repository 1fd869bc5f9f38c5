using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AkoActors.Domain.Kubernetes;

/// <summary>What the controller keeps of a TLS Secret: its certificate, a SHA-256 fingerprint of its key and whether the
/// two make a usable pair — never the key itself, which is fetched from the API server only when a certificate object must
/// be written (<see cref="ITlsKeySource"/>).</summary>
/// <param name="Certificate">tls.crt as PEM text; null when the Secret has none.</param>
/// <param name="KeyFingerprint">SHA-256 (hex) of tls.key's bytes; null when the Secret has no key.</param>
/// <param name="KeyPairProblem">Why tls.crt and tls.key cannot be used together (unreadable PEM, a key that is not the
/// certificate's), found while the key was in hand; null when they can, or when either is missing.</param>
public sealed record TlsSecretSnapshot(string Namespace, string Name, string Type, string? Certificate, string? KeyFingerprint, string? KeyPairProblem)
{
    /// <summary>Reads a Secret's tls.crt and tls.key into a snapshot; the key is looked at (fingerprint, pair check) and not kept.
    /// The caller owns <paramref name="key"/> and may clear it afterwards.</summary>
    public static TlsSecretSnapshot FromPem(string ns, string name, string type, string? certificate, ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty) return new TlsSecretSnapshot(ns, name, type, certificate, null, null);
        var fingerprint = FingerprintOf(key);
        return new TlsSecretSnapshot(ns, name, type, certificate, fingerprint, certificate is null ? null : PairProblem(certificate, key));
    }

    /// <summary>As <see cref="FromPem(string, string, string, string?, ReadOnlySpan{byte})"/>, for a key held as text (tests,
    /// simulations); a null or empty key means the Secret has none.</summary>
    public static TlsSecretSnapshot FromPem(string ns, string name, string type, string? certificate, string? key) =>
        FromPem(ns, name, type, certificate, key is null ? ReadOnlySpan<byte>.Empty : Encoding.UTF8.GetBytes(key));

    /// <summary>The SHA-256 (hex) fingerprint <see cref="KeyFingerprint"/> holds, of a key as the Secret carries it.</summary>
    public static string FingerprintOf(ReadOnlySpan<byte> key) => Convert.ToHexString(SHA256.HashData(key));

    private static string? PairProblem(string certificate, ReadOnlySpan<byte> key)
    {
        // The key as characters only for the length of the check, in a buffer cleared afterwards.
        var chars = new char[Encoding.UTF8.GetCharCount(key)];
        try
        {
            Encoding.UTF8.GetChars(key, chars);
            using var pair = X509Certificate2.CreateFromPem(certificate, chars);
            return null;
        }
        catch (CryptographicException exception)
        {
            return $"holds a tls.crt/tls.key pair that cannot be used ({exception.Message.TrimEnd('.')})";
        }
        catch (ArgumentException exception)
        {
            return $"holds no readable PEM certificate or key ({exception.Message.TrimEnd('.')})";
        }
        finally
        {
            Array.Clear(chars);
        }
    }
}
